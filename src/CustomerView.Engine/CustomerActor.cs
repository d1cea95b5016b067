using CustomerView.Actors;
using CustomerView.Contracts.Profiles;
using CustomerView.Contracts.V1;
using CustomerView.Domain.Events;
using CustomerView.Domain.Insights;
using CustomerView.Domain;
using CustomerView.Domain.Profiles;
using DomainProfile = CustomerView.Domain.Profiles.CustomerProfile;

namespace CustomerView.Engine;

/// <summary>
/// One customer's actor: the live profile, whether it holds changes not yet durable, the serialized-view cache
/// the read path serves from, and the watchers to tell about changes. All members run under the actor's turn.
/// </summary>
internal sealed partial class CustomerActor : Actor
{
    private readonly ServedViews? _served;
    private List<ProfileWatcher>? _watchers;

    public CustomerActor(DomainProfile profile, int partition, long snapshotSequence = NeverStored, DateTimeOffset? storedWakeUp = null, ServedViews? served = null)
        : base(profile.CustomerId.Value)
    {
        _served = served;
        Profile = profile;
        Partition = partition;
        SnapshotSequence = snapshotSequence;
        StoredWakeUp = storedWakeUp;
    }

    /// <summary>
    /// Bytes from an actor's first field that <see cref="MemoryHints"/> asks for: its fields, its base's included, and
    /// the small objects its constructors allocate right after it (the view cache's slots, the turn's lock).
    /// </summary>
    public const int FieldBytes = 256;

    /// <summary><see cref="SnapshotSequence"/> of a customer with no stored snapshot.</summary>
    public const long NeverStored = -1;

    /// <summary>The live profile.</summary>
    public DomainProfile Profile { get; }

    /// <summary>The partition whose owner owns this customer.</summary>
    public int Partition { get; }

    /// <summary>Whether the profile holds changes not yet committed to storage.</summary>
    public bool Dirty { get; private set; }

    /// <summary>Whether the identifier set changed since the last commit (the store must replace its copy).</summary>
    public bool IdentifiersDirty { get; private set; }

    /// <summary>Whether anyone watches this customer.</summary>
    public bool HasWatchers => _watchers is { Count: > 0 };

    /// <summary>The journal sequence the stored snapshot reflects; <see cref="NeverStored"/> when none is stored.</summary>
    public long SnapshotSequence { get; private set; }

    /// <summary>
    /// The first journal batch holding a change the stored snapshot lacks; 0 when the snapshot is current (apart from
    /// <see cref="Dirty"/> changes not yet committed at all). Such an actor must stay active: only it has the state.
    /// </summary>
    public long FirstUnsnapshotted { get; private set; }

    /// <summary>Events applied since the stored snapshot.</summary>
    public int EventsSinceSnapshot { get; private set; }

    /// <summary>Whether a change is not in the journal (a clock tick), so the next commit must write the snapshot.</summary>
    public bool SnapshotRequired { get; private set; }

    /// <summary>Whether a change may have moved the wake-up time (tasks, complaints, appointments, attributes).</summary>
    public bool WakeUpMayHaveChanged { get; private set; }

    /// <summary>The wake-up time stored with the snapshot.</summary>
    public DateTimeOffset? StoredWakeUp { get; private set; }

    /// <summary>Set while a commit in preparation or in flight includes this actor's snapshot.</summary>
    public bool SnapshotPlanned { get; set; }

    /// <summary>
    /// Whether a commit in flight carries this actor's changes (in its journal row or its snapshot): until it completes,
    /// only this actor has them in memory, so it must stay active.
    /// </summary>
    public bool CommitPending { get; private set; }

    protected override bool CanDeactivate => !Dirty && !CommitPending && FirstUnsnapshotted == 0 && !HasWatchers;

    private const ProfileSections WakeUpSections =
        ProfileSections.Attributes | ProfileSections.Tasks | ProfileSections.Complaints | ProfileSections.Appointments;

    /// <summary>Applies an event; on a change, drops cached views and tells watchers.</summary>
    public ApplyResult Apply(DomainEvent e, DateTimeOffset now)
    {
        var result = Profile.Apply(e);
        if (result.HasChanges)
        {
            IdentifiersDirty |= (result.Changed & ProfileSections.Identifiers) != 0;
            WakeUpMayHaveChanged |= (result.Changed & WakeUpSections) != 0;
            EventsSinceSnapshot++;
            Changed(result.Changed, e.Id.Value, now);
        }

        return result;
    }

    /// <summary>Marks the profile as needing a snapshot (time changed it, outside the journal) and refreshes clock-derived views.</summary>
    public void ClockTicked(DateTimeOffset now)
    {
        SnapshotRequired = true;
        Changed(ProfileSections.None, string.Empty, now);
    }

    /// <summary>
    /// A commit now carries the changes so far in its journal row: from here on, <see cref="Dirty"/> and the other
    /// change flags describe only later changes, which go with a later commit.
    /// </summary>
    public void JournalPlanned()
    {
        Dirty = false;
        IdentifiersDirty = false;
        WakeUpMayHaveChanged = false;
        CommitPending = true;
    }

    /// <summary>A commit now carries this actor's snapshot, with everything applied so far.</summary>
    public void SnapshotTaken()
    {
        JournalPlanned();
        EventsSinceSnapshot = 0;
        SnapshotRequired = false;
        SnapshotPlanned = true;
    }

    /// <summary>The commit of journal batch <paramref name="sequence"/> made this actor's changes durable, in the journal only.</summary>
    public void Journaled(long sequence)
    {
        if (FirstUnsnapshotted == 0)
        {
            FirstUnsnapshotted = sequence;
        }

        CommitPending = false;
    }

    /// <summary>The commit of journal batch <paramref name="sequence"/> stored this actor's snapshot with <paramref name="wakeUp"/>.</summary>
    public void Snapshotted(long sequence, DateTimeOffset? wakeUp)
    {
        SnapshotSequence = sequence;
        StoredWakeUp = wakeUp;
        FirstUnsnapshotted = 0;
        SnapshotPlanned = false;
        CommitPending = false;
    }

    /// <summary>Projects the live profile in <paramref name="view"/> at <paramref name="now"/>.</summary>
    public Contracts.V1.CustomerProfile Project(ProfileView view, DateTimeOffset now) =>
        ProfileProjection.Project(Profile, ProfileInsights.Evaluate(Profile, now), view);

    protected override void OnDeactivated()
    {
        ClearViews();
        if (_watchers is null)
        {
            return;
        }

        foreach (var watcher in _watchers)
        {
            watcher.Moved();
        }

        _watchers = null;
    }

    private void Changed(ProfileSections sections, string eventId, DateTimeOffset now)
    {
        Dirty = true;
        ClearViews();
        if (HasWatchers)
        {
            Notify(sections, eventId, now);
        }
    }
}
