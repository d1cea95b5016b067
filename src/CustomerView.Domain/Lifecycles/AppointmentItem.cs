using CustomerView.Domain.Events;
using CustomerView.Domain.Profiles;

namespace CustomerView.Domain.Lifecycles;

/// <summary>An appointment: booked (rescheduled by a new booking) → checked in → served, or missed, or cancelled.</summary>
public sealed class AppointmentItem : LifecycleItem
{
    internal AppointmentItem(string id)
        : base(id)
    {
    }

    /// <summary>Where it stands.</summary>
    public AppointmentStatus Status { get; private set; }

    /// <summary>When it is; <see langword="null"/> while the booking is unseen.</summary>
    public DateTimeOffset? ScheduledAt { get; private set; }

    /// <summary>Branch code or "video".</summary>
    public string Location { get; private set; } = string.Empty;

    /// <summary>What it is for.</summary>
    public string Purpose { get; private set; } = string.Empty;

    /// <summary>The staff member it is with.</summary>
    public string StaffId { get; private set; } = string.Empty;

    /// <summary>The channel it was booked in.</summary>
    public Channel BookedIn { get; private set; }

    /// <inheritdoc />
    public override bool IsOpen => Status is AppointmentStatus.Booked or AppointmentStatus.CheckedIn or AppointmentStatus.UnknownBooking;

    private protected override void Reset()
    {
        Status = AppointmentStatus.Unspecified;
        ScheduledAt = null;
        Location = Purpose = StaffId = string.Empty;
        BookedIn = Channel.Unspecified;
    }

    private protected override bool IsCreation(LifecycleEvent payload) => payload is AppointmentBooked;

    private protected override void Create(in LifecycleEntry entry, ProfileOptions rules)
    {
        Book((AppointmentBooked)entry.Payload);
        BookedIn = entry.Channel;
    }

    private protected override void CreateUnknown(in LifecycleEntry first)
    {
        Status = AppointmentStatus.UnknownBooking;
        BookedIn = first.Channel;
    }

    private protected override string? Transition(in LifecycleEntry entry, ProfileOptions rules)
    {
        switch (entry.Payload)
        {
            case AppointmentBooked booked:
                if (Status != AppointmentStatus.Booked)
                {
                    return $"only a booked appointment can be rescheduled; it is {Status}";
                }

                Book(booked);
                return null;
            case AppointmentCheckedIn:
                if (Status is not (AppointmentStatus.Booked or AppointmentStatus.UnknownBooking))
                {
                    return NotAllowed(entry.Payload);
                }

                Status = AppointmentStatus.CheckedIn;
                return null;
            case AppointmentServed served:
                if (!IsOpen)
                {
                    return NotAllowed(entry.Payload);
                }

                Status = AppointmentStatus.Served;
                StaffId = served.StaffId.Length > 0 ? served.StaffId : StaffId;
                return null;
            case AppointmentMissed:
                if (Status is not (AppointmentStatus.Booked or AppointmentStatus.UnknownBooking))
                {
                    return NotAllowed(entry.Payload);
                }

                Status = AppointmentStatus.Missed;
                return null;
            case AppointmentCancelled:
                if (!IsOpen)
                {
                    return NotAllowed(entry.Payload);
                }

                Status = AppointmentStatus.Cancelled;
                return null;
            default:
                return $"{entry.Payload.Name} is not an appointment event";
        }
    }

    private protected override string Describe(LifecycleEvent payload) => payload switch
    {
        AppointmentBooked b => $"booked for {b.ScheduledAt:yyyy-MM-dd HH:mm} at {b.Location}: {b.Purpose}",
        AppointmentCheckedIn => "checked in",
        AppointmentServed s => s.StaffId.Length > 0 ? $"served by {s.StaffId}" : "served",
        AppointmentMissed => "missed",
        AppointmentCancelled c => $"cancelled: {c.Reason}",
        _ => payload.Name,
    };

    private void Book(AppointmentBooked booked)
    {
        Status = AppointmentStatus.Booked;
        ScheduledAt = booked.ScheduledAt;
        Location = booked.Location;
        Purpose = booked.Purpose;
        StaffId = booked.StaffId;
    }

    private string NotAllowed(LifecycleEvent payload) => $"appointment is {Status}; {payload.Name} is not allowed";
}
