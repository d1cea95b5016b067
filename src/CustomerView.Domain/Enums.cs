namespace CustomerView.Domain;

// Numbering matches protos/customerview/v1/common.proto so contracts map by value.

/// <summary>A channel through which the bank serves a customer.</summary>
public enum Channel
{
    /// <summary>Not given.</summary>
    Unspecified = 0,
    /// <summary>A teller at a branch counter.</summary>
    BranchCounter = 1,
    /// <summary>ATM, VTM or self-service kiosk.</summary>
    SmartTerminal = 2,
    /// <summary>The mobile banking app.</summary>
    MobileApp = 3,
    /// <summary>Online banking in a browser.</summary>
    OnlineBanking = 4,
    /// <summary>The call center.</summary>
    CallCenter = 5,
    /// <summary>A chatbot.</summary>
    Chatbot = 6,
    /// <summary>WeChat and other social messaging.</summary>
    Social = 7,
    /// <summary>A relationship manager.</summary>
    RelationshipManager = 8,
}

/// <summary>Kinds of identifier a customer can be found by.</summary>
public enum IdentifierKind
{
    /// <summary>Not given.</summary>
    Unspecified = 0,
    /// <summary>A phone number, kept in E.164.</summary>
    Phone = 1,
    /// <summary>A card token or PAN; a PAN is kept only as fingerprint and last four digits.</summary>
    Card = 2,
    /// <summary>An account number or IBAN.</summary>
    Account = 3,
    /// <summary>A national identity number.</summary>
    NationalId = 4,
}

/// <summary>Accessibility needs the person serving the customer must know about.</summary>
public enum AccessibilityNeed
{
    /// <summary>Not given.</summary>
    Unspecified = 0,
    /// <summary>Large-print documents.</summary>
    LargePrint = 1,
    /// <summary>Voice guidance at terminals.</summary>
    VoiceGuidance = 2,
    /// <summary>A sign-language interpreter.</summary>
    SignLanguageInterpreter = 3,
    /// <summary>A spoken-language interpreter.</summary>
    LanguageInterpreter = 4,
    /// <summary>Step-free access.</summary>
    WheelchairAccess = 5,
    /// <summary>An induction loop.</summary>
    HearingLoop = 6,
    /// <summary>Easy-read documents.</summary>
    EasyRead = 7,
}

/// <summary>What an interaction was.</summary>
public enum InteractionType
{
    /// <summary>Not given.</summary>
    Unspecified = 0,
    /// <summary>A question.</summary>
    Inquiry = 1,
    /// <summary>A transaction.</summary>
    Transaction = 2,
    /// <summary>Advice or consultation.</summary>
    Consultation = 3,
    /// <summary>A contact about a complaint.</summary>
    ComplaintContact = 4,
    /// <summary>A service request.</summary>
    ServiceRequest = 5,
    /// <summary>A sales conversation.</summary>
    Sales = 6,
}

/// <summary>How an interaction ended.</summary>
public enum InteractionOutcome
{
    /// <summary>Not given.</summary>
    Unspecified = 0,
    /// <summary>Resolved.</summary>
    Resolved = 1,
    /// <summary>A follow-up is needed.</summary>
    FollowUpRequired = 2,
    /// <summary>Transferred elsewhere.</summary>
    Transferred = 3,
    /// <summary>The customer left before being served.</summary>
    Abandoned = 4,
    /// <summary>Information was given.</summary>
    InformationGiven = 5,
}

/// <summary>Kinds of cross-channel task.</summary>
public enum TaskKind
{
    /// <summary>Not given.</summary>
    Unspecified = 0,
    /// <summary>A loan application.</summary>
    LoanApplication = 1,
    /// <summary>Opening an account.</summary>
    AccountOpening = 2,
    /// <summary>Replacing a card.</summary>
    CardReplacement = 3,
    /// <summary>Submitting documents.</summary>
    DocumentSubmission = 4,
    /// <summary>A promised callback.</summary>
    Callback = 5,
    /// <summary>Changing an address.</summary>
    AddressChange = 6,
    /// <summary>Anything else.</summary>
    Other = 7,
}

/// <summary>Where a cross-channel task stands.</summary>
public enum TaskStatus
{
    /// <summary>Not given.</summary>
    Unspecified = 0,
    /// <summary>Steps were seen, but not (yet) the start.</summary>
    UnknownStart = 1,
    /// <summary>Under way.</summary>
    InProgress = 2,
    /// <summary>Waiting for the customer to act.</summary>
    WaitingOnCustomer = 3,
    /// <summary>Waiting for the bank to act.</summary>
    WaitingOnBank = 4,
    /// <summary>Done.</summary>
    Completed = 5,
    /// <summary>Cancelled.</summary>
    Cancelled = 6,
    /// <summary>Lapsed at its expiry time.</summary>
    Expired = 7,
}

/// <summary>How severe a complaint is.</summary>
public enum ComplaintSeverity
{
    /// <summary>Not given.</summary>
    Unspecified = 0,
    /// <summary>Low.</summary>
    Low = 1,
    /// <summary>Medium.</summary>
    Medium = 2,
    /// <summary>High.</summary>
    High = 3,
    /// <summary>Critical.</summary>
    Critical = 4,
}

/// <summary>Where a complaint stands.</summary>
public enum ComplaintStatus
{
    /// <summary>Not given.</summary>
    Unspecified = 0,
    /// <summary>Lifecycle seen, but not (yet) the filing.</summary>
    UnknownFiling = 1,
    /// <summary>Filed.</summary>
    Filed = 2,
    /// <summary>Acknowledged by a handler.</summary>
    Acknowledged = 3,
    /// <summary>Escalated.</summary>
    Escalated = 4,
    /// <summary>Resolved by the bank.</summary>
    Resolved = 5,
    /// <summary>The customer accepted the resolution: closed.</summary>
    Confirmed = 6,
    /// <summary>The customer reopened it.</summary>
    Reopened = 7,
}

/// <summary>Where an appointment stands.</summary>
public enum AppointmentStatus
{
    /// <summary>Not given.</summary>
    Unspecified = 0,
    /// <summary>Lifecycle seen, but not (yet) the booking.</summary>
    UnknownBooking = 1,
    /// <summary>Booked.</summary>
    Booked = 2,
    /// <summary>The customer checked in.</summary>
    CheckedIn = 3,
    /// <summary>Served.</summary>
    Served = 4,
    /// <summary>The customer did not come.</summary>
    Missed = 5,
    /// <summary>Cancelled.</summary>
    Cancelled = 6,
}

/// <summary>The party a task is waiting on.</summary>
public enum WaitingParty
{
    /// <summary>Not given.</summary>
    Unspecified = 0,
    /// <summary>The customer must act.</summary>
    Customer = 1,
    /// <summary>The bank must act.</summary>
    Bank = 2,
}
