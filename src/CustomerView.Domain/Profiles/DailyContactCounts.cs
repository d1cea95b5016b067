namespace CustomerView.Domain.Profiles;

/// <summary>
/// Contacts per day and channel, for the days a profile keeps: one flat array of
/// <c>[day, count per channel…]</c> rows in no particular order, so counting a contact touches one object. A profile
/// keeps a few days, so rows are found by a scan.
/// </summary>
internal struct DailyContactCounts
{
    /// <summary>Counters per row: one per <see cref="Channel"/> value.</summary>
    public const int Channels = (int)Channel.RelationshipManager + 1;

    private const int Stride = 1 + Channels;

    private int[]? _rows;

    /// <summary>Hints the processor to load the rows.</summary>
    public readonly void Prefetch() => MemoryHints.Prefetch(_rows, 0);

    /// <summary>Days held.</summary>
    public int Count { get; private set; }

    /// <summary>The day number of row <paramref name="row"/>.</summary>
    public readonly int DayAt(int row) => _rows![row * Stride];

    /// <summary>The counters of row <paramref name="row"/>, indexed by <see cref="Channel"/>.</summary>
    public readonly ReadOnlySpan<int> CountsAt(int row) => _rows.AsSpan((row * Stride) + 1, Channels);

    /// <summary>Adds <paramref name="contacts"/> on <paramref name="channel"/> to <paramref name="day"/>'s row, adding the row if it is new.</summary>
    public void Add(int day, int channel, int contacts = 1)
    {
        var rows = _rows;
        for (var at = 0; rows is not null && at < Count * Stride; at += Stride)
        {
            if (rows[at] == day)
            {
                rows[at + 1 + channel] += contacts;
                return;
            }
        }

        if (rows is null || (Count + 1) * Stride > rows.Length)
        {
            Array.Resize(ref _rows, Math.Max(2, Count * 2) * Stride);
            rows = _rows;
        }

        var row = rows.AsSpan(Count * Stride, Stride);
        row.Clear();
        row[0] = day;
        row[1 + channel] = contacts;
        Count++;
    }

    /// <summary>Drops the rows of days up to <paramref name="lastDropped"/>.</summary>
    public void DropUpTo(int lastDropped)
    {
        var rows = _rows;
        if (rows is null)
        {
            return;
        }

        var kept = 0;
        for (var row = 0; row < Count; row++)
        {
            if (rows[row * Stride] > lastDropped)
            {
                if (kept != row)
                {
                    rows.AsSpan(row * Stride, Stride).CopyTo(rows.AsSpan(kept * Stride));
                }

                kept++;
            }
        }

        Count = kept;
    }
}
