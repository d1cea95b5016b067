using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;
using CustomerView.Domain.Lifecycles;

namespace CustomerView.Domain.Profiles;

/// <summary>An event the profile refused, with the reason.</summary>
/// <param name="EventId">The event.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="SubjectId">The task, complaint or appointment it was about.</param>
/// <param name="Reason">Why it was refused.</param>
public sealed record RejectedEvent(string EventId, DateTimeOffset OccurredAt, string SubjectId, string Reason);

public sealed partial class CustomerProfile
{
    private readonly Dictionary<string, TaskItem> _tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ComplaintItem> _complaints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AppointmentItem> _appointments = new(StringComparer.Ordinal);

    /// <summary>Tasks retired after closing (beyond <see cref="ProfileOptions.ClosedItemsRetained"/>).</summary>
    public long RetiredTasks { get; private set; }

    /// <summary>Tasks, ordered by id.</summary>
    public IReadOnlyList<TaskItem> Tasks => Sorted(_tasks);

    /// <summary>Complaints, ordered by id.</summary>
    public IReadOnlyList<ComplaintItem> Complaints => Sorted(_complaints);

    /// <summary>Appointments, ordered by id.</summary>
    public IReadOnlyList<AppointmentItem> Appointments => Sorted(_appointments);

    /// <summary>The task with <paramref name="taskId"/>, if the profile holds it.</summary>
    public TaskItem? FindTask(string taskId) => _tasks.GetValueOrDefault(taskId);

    /// <summary>The complaint with <paramref name="complaintId"/>, if the profile holds it.</summary>
    public ComplaintItem? FindComplaint(string complaintId) => _complaints.GetValueOrDefault(complaintId);

    /// <summary>The appointment with <paramref name="appointmentId"/>, if the profile holds it.</summary>
    public AppointmentItem? FindAppointment(string appointmentId) => _appointments.GetValueOrDefault(appointmentId);

    /// <summary>Refused lifecycle events, newest first (at most <see cref="ProfileOptions.RejectedEventsCapacity"/>).</summary>
    public IReadOnlyList<RejectedEvent> RejectedEvents
    {
        get
        {
            var list = new List<RejectedEvent>();
            CollectRejections(_tasks, list);
            CollectRejections(_complaints, list);
            CollectRejections(_appointments, list);
            list.Sort(static (a, b) => a.OccurredAt != b.OccurredAt ? b.OccurredAt.CompareTo(a.OccurredAt) : string.CompareOrdinal(b.EventId, a.EventId));
            var capacity = Math.Max(0, _options.RejectedEventsCapacity);
            if (list.Count > capacity)
            {
                list.RemoveRange(capacity, list.Count - capacity);
            }

            return list;
        }
    }

    private ApplyResult ApplyTask(DomainEvent e, TaskEvent task)
    {
        var error = IdText.ValidateSubject(task.TaskId, "task id") ?? ValidateTask(task);
        return error is not null
            ? ApplyResult.Invalid(error)
            : ApplyLifecycle(_tasks, e, task, static id => new TaskItem(id), ProfileSections.Tasks, "tasks");
    }

    private ApplyResult ApplyComplaint(DomainEvent e, ComplaintEvent complaint)
    {
        var error = IdText.ValidateSubject(complaint.ComplaintId, "complaint id") ?? ValidateComplaint(complaint);
        return error is not null
            ? ApplyResult.Invalid(error)
            : ApplyLifecycle(_complaints, e, complaint, static id => new ComplaintItem(id), ProfileSections.Complaints, "complaints");
    }

    private ApplyResult ApplyAppointment(DomainEvent e, AppointmentEvent appointment)
    {
        var error = IdText.ValidateSubject(appointment.AppointmentId, "appointment id") ?? ValidateAppointment(appointment);
        return error is not null
            ? ApplyResult.Invalid(error)
            : ApplyLifecycle(_appointments, e, appointment, static id => new AppointmentItem(id), ProfileSections.Appointments, "appointments");
    }

    private ApplyResult ApplyLifecycle<T>(
        Dictionary<string, T> items, DomainEvent e, LifecycleEvent payload, Func<string, T> create, ProfileSections section, string what)
        where T : LifecycleItem
    {
        var id = payload.SubjectId;
        var ticks = e.OccurredTicks;
        if (!items.TryGetValue(id, out var item))
        {
            if (CountOpen(items) >= _options.OpenItemsLimit)
            {
                return ApplyResult.Invalid($"the profile already holds {_options.OpenItemsLimit} open {what}");
            }

            item = create(id);
            items.Add(id, item);
        }
        else if (item.Contains(ticks, e.Id.Value))
        {
            return ApplyResult.Duplicate;
        }
        else if (item.LogCount >= _options.LifecycleHistoryLimit)
        {
            return ApplyResult.Invalid($"{id} already has {_options.LifecycleHistoryLimit} lifecycle events");
        }

        var reason = item.Insert(new LifecycleEntry(ticks, e.Id.Value, e.Channel, e.OccurredAt, payload), _options);
        RetireFinal(items);
        return reason is null ? ApplyResult.Applied(section) : ApplyResult.Rejected(section, $"{id}: {reason}");
    }

    /// <summary>Retires the oldest final items beyond the retention bound (deterministic: by update time, then id).</summary>
    private void RetireFinal<T>(Dictionary<string, T> items)
        where T : LifecycleItem
    {
        var retained = Math.Max(0, _options.ClosedItemsRetained);
        while (true)
        {
            var final = 0;
            T? oldest = null;
            foreach (var item in items.Values)
            {
                if (!item.IsFinal)
                {
                    continue;
                }

                final++;
                if (oldest is null || item.UpdatedAt < oldest.UpdatedAt || (item.UpdatedAt == oldest.UpdatedAt && string.CompareOrdinal(item.Id, oldest.Id) < 0))
                {
                    oldest = item;
                }
            }

            if (final <= retained || oldest is null)
            {
                return;
            }

            items.Remove(oldest.Id);
            if (oldest is TaskItem)
            {
                RetiredTasks++;
            }
        }
    }

    private static int CountOpen<T>(Dictionary<string, T> items)
        where T : LifecycleItem
    {
        var open = 0;
        foreach (var item in items.Values)
        {
            if (!item.IsFinal)
            {
                open++;
            }
        }

        return open;
    }

    private static List<T> Sorted<T>(Dictionary<string, T> items)
    {
        var list = SortedPairs(items);
        var result = new List<T>(list.Count);
        foreach (var pair in list)
        {
            result.Add(pair.Value);
        }

        return result;
    }

    private static void CollectRejections<T>(Dictionary<string, T> items, List<RejectedEvent> into)
        where T : LifecycleItem
    {
        foreach (var item in items.Values)
        {
            var rejections = item.Rejections;
            for (var i = 0; i < rejections.Length; i++)
            {
                if (rejections[i] is { } reason)
                {
                    var entry = item.EntryAt(i);
                    into.Add(new(entry.EventId, entry.OccurredAt, item.Id, reason));
                }
            }
        }
    }

    private static string? ValidateTask(TaskEvent task) => task switch
    {
        TaskStarted s when s.Kind is <= TaskKind.Unspecified or > TaskKind.Other => $"task kind {(int)s.Kind} is not known",
        TaskStarted s when s.ExpiresAt is { } expires && s.DueAt is { } due && due > expires => "task is due after it expires",
        TaskStarted s => TooLong(s.Title, 200, "task title") ?? TooLong(s.NextAction, 500, "next action"),
        TaskHandedOff h when h.ToChannel is <= Channel.Unspecified or > Channel.RelationshipManager => $"hand-off channel {(int)h.ToChannel} is not a known channel",
        TaskHandedOff h => TooLong(h.NextAction, 500, "next action"),
        TaskWaiting w when w.On is not (WaitingParty.Customer or WaitingParty.Bank) => "a waiting task must wait on the customer or the bank",
        TaskStepCompleted s => TooLong(s.Step, 500, "step") ?? TooLong(s.NextAction, 500, "next action"),
        _ => null,
    };

    private static string? ValidateComplaint(ComplaintEvent complaint) => complaint switch
    {
        ComplaintFiled f when string.IsNullOrWhiteSpace(f.Category) => "complaint category is missing",
        ComplaintFiled f when f.Severity is <= ComplaintSeverity.Unspecified or > ComplaintSeverity.Critical => $"complaint severity {(int)f.Severity} is not known",
        ComplaintFiled f => TooLong(f.Category, 64, "category") ?? TooLong(f.Description, 2000, "description"),
        ComplaintResolved r => TooLong(r.Resolution, 2000, "resolution"),
        _ => null,
    };

    private static string? ValidateAppointment(AppointmentEvent appointment) => appointment switch
    {
        AppointmentBooked b when b.ScheduledAt == default => "appointment time is missing",
        AppointmentBooked b => TooLong(b.Location, 64, "location") ?? TooLong(b.Purpose, 500, "purpose"),
        _ => null,
    };
}
