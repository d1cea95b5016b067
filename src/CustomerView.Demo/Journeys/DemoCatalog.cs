using CustomerView.Domain;

namespace CustomerView.Demo.Journeys;

/// <summary>The fixed vocabulary of the demo: names per language, places, topics, phrases.</summary>
internal static class DemoCatalog
{
    public sealed record Culture(string Language, string[] GivenNames, string[] Surnames, string? InterpreterNote);

    public static readonly IReadOnlyList<(Culture Item, double Weight)> Cultures =
    [
        (new("en-GB", ["Oliver", "Amelia", "Harry", "Isla", "George", "Ava", "Jack", "Emily", "Noah", "Sophie", "James", "Grace", "Arthur", "Freya"],
            ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Wright", "Walker", "Evans", "Thompson", "Khan"], null), 55),
        (new("cy-GB", ["Rhys", "Cerys", "Dylan", "Seren", "Gethin", "Ffion", "Iwan", "Nia"], ["Jones", "Hughes", "Pritchard", "Llewellyn", "Price", "Morgan"], null), 6),
        (new("pl-PL", ["Jakub", "Zofia", "Kacper", "Julia", "Szymon", "Maja", "Wojciech", "Hanna"], ["Nowak", "Wójcik", "Mazur", "Krawczyk", "Zając", "Król"], "interpreter: Polish"), 8),
        (new("zh-Hans", ["Wei", "Fang", "Jing", "Lei", "Min", "Yan", "Hao", "Xin"], ["Wang", "Li", "Zhang", "Liu", "Chen", "Zhao"], "interpreter: Mandarin"), 6),
        (new("yue-HK", ["Ka Ming", "Wing Yan", "Chi Keung", "Mei Ling", "Siu Fung", "Hoi Yan"], ["Chan", "Wong", "Leung", "Cheung", "Lau", "Ho"], "interpreter: Cantonese"), 4),
        (new("ar", ["Omar", "Layla", "Yusuf", "Fatima", "Karim", "Noor", "Samir", "Huda"], ["Haddad", "Khalil", "Mansour", "Nasser", "Saleh", "Aziz"], "interpreter: Arabic"), 5),
        (new("es-ES", ["Lucía", "Hugo", "Martina", "Pablo", "Sofía", "Daniel", "Álvaro", "Carmen"], ["García", "Martínez", "López", "Sánchez", "Fernández", "Ruiz"], "interpreter: Spanish"), 6),
        (new("de-DE", ["Lukas", "Anna", "Felix", "Lea", "Jonas", "Marie", "Jürgen", "Sabine"], ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker"], "interpreter: German"), 5),
        (new("tr-TR", ["Emre", "Elif", "Mehmet", "Zeynep", "Can", "Ayşe"], ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Aydın"], "interpreter: Turkish"), 5),
    ];

    public sealed record Town(string Name, string Branch, string PostcodeArea);

    public static readonly Town[] Towns =
    [
        new("London", "BR-LDN-01", "SE1"),
        new("London", "BR-LDN-02", "N7"),
        new("Manchester", "BR-MAN-01", "M14"),
        new("Cardiff", "BR-CDF-01", "CF10"),
        new("Leeds", "BR-LDS-01", "LS6"),
        new("Bristol", "BR-BRS-01", "BS3"),
        new("Glasgow", "BR-GLA-01", "G12"),
    ];

    public static readonly string[] Streets =
        ["High Street", "Station Road", "Church Lane", "Park Avenue", "Victoria Road", "Mill Lane", "Queen Street", "Green Lane"];

    public static readonly string[] MailDomains = ["example.com", "example.org", "example.net"];

    public static readonly IReadOnlyList<(AccessibilityNeed[] Needs, string Note)> AccessibilityProfiles =
    [
        ([AccessibilityNeed.LargePrint], "large-print statements"),
        ([AccessibilityNeed.VoiceGuidance, AccessibilityNeed.LargePrint], "partially sighted: read documents aloud"),
        ([AccessibilityNeed.SignLanguageInterpreter], "BSL interpreter for branch visits"),
        ([AccessibilityNeed.WheelchairAccess], "wheelchair user: step-free counter"),
        ([AccessibilityNeed.HearingLoop], "hearing aid: use the induction loop"),
        ([AccessibilityNeed.EasyRead], "easy-read letters, allow extra time"),
    ];

    public static readonly IReadOnlyList<((string Segment, string Tier) Item, double Weight)> SegmentTiers =
    [
        (("retail", "standard"), 45),
        (("retail", "gold"), 22),
        (("retail", "platinum"), 8),
        (("private-banking", "platinum"), 8),
        (("sme", "standard"), 10),
        (("sme", "gold"), 7),
    ];

    public static readonly IReadOnlyList<(Channel Item, double Weight)> PreferredChannels =
    [
        (Channel.MobileApp, 45),
        (Channel.OnlineBanking, 20),
        (Channel.BranchCounter, 15),
        (Channel.CallCenter, 15),
        (Channel.Social, 5),
    ];

    public sealed record ComplaintTopic(string Category, string Topic, string Description, string Resolution, string ReopenReason);

    public static readonly ComplaintTopic[] ComplaintTopics =
    [
        new("fees", "unexpected-fee", "Charged an overdraft fee twice for the same day", "Both fees refunded and a goodwill payment of £25 made", "The refund has not arrived"),
        new("card", "card-declined", "Card declined abroad although a travel notice was set", "Fraud rule corrected; £40 compensation for the declined payments", "Card was declined again on the next trip"),
        new("mortgage", "mortgage-payment", "Mortgage payment taken on the wrong date", "Payment date corrected and the arrears marker removed", "The credit file still shows the arrears marker"),
        new("service", "branch-service", "Waited 40 minutes at the branch and left unserved", "Apology and a priority appointment offered", "The priority appointment was never confirmed"),
        new("app", "app-login", "Locked out of the mobile app after the update", "Access restored and the login fault fixed in release 8.4.1", "Locked out again after the next update"),
        new("transfer", "missing-transfer", "International transfer has not arrived after five days", "Transfer traced and credited; fees refunded", "The beneficiary received less than the amount sent"),
    ];

    public static readonly string[] AppointmentPurposes =
        ["Mortgage advice", "Open a savings account", "Investment review", "Update identity documents", "Business account review", "Power of attorney registration"];

    public sealed record InteractionTemplate(
        Channel Channel,
        InteractionType Type,
        string Topic,
        string Summary,
        string Source,
        bool Assisted);

    public static readonly IReadOnlyList<(InteractionTemplate Item, double Weight)> Interactions =
    [
        (new(Channel.MobileApp, InteractionType.Transaction, "transfer", "Sent a payment to a saved payee", "mobile-backend", false), 14),
        (new(Channel.MobileApp, InteractionType.Inquiry, "balance-enquiry", "Checked balances and recent transactions", "mobile-backend", false), 10),
        (new(Channel.MobileApp, InteractionType.ServiceRequest, "card-freeze", "Froze and unfroze the debit card", "mobile-backend", false), 3),
        (new(Channel.MobileApp, InteractionType.ServiceRequest, "travel-notice", "Registered a travel notice", "mobile-backend", false), 3),
        (new(Channel.OnlineBanking, InteractionType.Transaction, "standing-order", "Set up a standing order", "web-banking", false), 6),
        (new(Channel.OnlineBanking, InteractionType.ServiceRequest, "statement-request", "Downloaded statements for the last 12 months", "web-banking", false), 5),
        (new(Channel.SmartTerminal, InteractionType.Transaction, "cash-withdrawal", "Withdrew cash at an ATM", "atm-network", false), 9),
        (new(Channel.SmartTerminal, InteractionType.Transaction, "cash-deposit", "Deposited cash at a self-service machine", "atm-network", false), 3),
        (new(Channel.CallCenter, InteractionType.Inquiry, "card-declined", "Asked why a card payment was declined", "contact-center", true), 5),
        (new(Channel.CallCenter, InteractionType.Inquiry, "mortgage-rate", "Asked about the fixed mortgage rates", "contact-center", true), 4),
        (new(Channel.CallCenter, InteractionType.ServiceRequest, "lost-card", "Reported a lost card; replacement ordered", "contact-center", true), 3),
        (new(Channel.CallCenter, InteractionType.Inquiry, "balance-enquiry", "Balance enquiry in the voice menu", "ivr", false), 3),
        (new(Channel.BranchCounter, InteractionType.Transaction, "cheque-deposit", "Paid in a cheque at the counter", "branch-teller", true), 4),
        (new(Channel.BranchCounter, InteractionType.Inquiry, "savings-rates", "Asked about fixed-term savings rates", "branch-teller", true), 3),
        (new(Channel.Chatbot, InteractionType.Inquiry, "fee-question", "Asked the assistant about account fees", "chatbot", false), 4),
        (new(Channel.Chatbot, InteractionType.Inquiry, "card-declined", "Asked the assistant why a card payment failed", "chatbot", false), 3),
        (new(Channel.Social, InteractionType.Inquiry, "exchange-rate", "Asked about today's exchange rates", "wechat-gateway", true), 2),
        (new(Channel.Social, InteractionType.Inquiry, "app-help", "Asked how to add a payee in the app", "wechat-gateway", true), 2),
        (new(Channel.RelationshipManager, InteractionType.Consultation, "investment-review", "Quarterly portfolio review", "crm", true), 2),
        (new(Channel.RelationshipManager, InteractionType.Sales, "mortgage-advice", "Discussed remortgage options", "crm", true), 1),
    ];

    public static readonly string[] PositiveComments =
        ["Quick and friendly.", "Very helpful, thank you!", "Easy to do in the app.", "The adviser explained everything clearly.", string.Empty];

    public static readonly string[] NeutralComments =
        ["It took a while but it got sorted.", "OK, but too many steps.", string.Empty];

    public static readonly string[] NegativeComments =
        ["I had to explain everything three times.", "Far too slow.", "Nobody called me back.", "The app kept logging me out."];

    /// <summary>ASCII letters for an e-mail local part: the common accented letters of the catalog folded, the rest dropped.</summary>
    public static string Ascii(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            var folded = c switch
            {
                'á' or 'Á' => 'a',
                'é' => 'e',
                'í' => 'i',
                'ó' => 'o',
                'ú' or 'ü' or 'Ü' => 'u',
                'ñ' => 'n',
                'ł' => 'l',
                'ś' or 'ş' or 'Ş' => 's',
                'ą' => 'a',
                'ę' => 'e',
                'ż' or 'ź' or 'Ż' => 'z',
                'ć' or 'ç' or 'Ç' => 'c',
                'ń' => 'n',
                'ö' => 'o',
                'ğ' => 'g',
                'ı' => 'i',
                _ => c,
            };
            if (char.IsAsciiLetter(folded))
            {
                builder.Append(char.ToLowerInvariant(folded));
            }
        }

        return builder.ToString();
    }
}
