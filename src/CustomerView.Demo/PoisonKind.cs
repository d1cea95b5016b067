namespace CustomerView.Demo;

/// <summary>Kinds of bad record the player can inject to demonstrate dead-lettering and rejected transitions.</summary>
public enum PoisonKind
{
    /// <summary>Bytes that are no protobuf message at all.</summary>
    GarbageBytes = 0,

    /// <summary>A valid event under a content type the decoder does not read.</summary>
    UnknownContentType = 1,

    /// <summary>An event whose envelope has no customer id (the record key still has one).</summary>
    MissingCustomerId = 2,

    /// <summary>A valid event whose transition is illegal: completing a task that was cancelled.</summary>
    IllegalTransition = 3,
}
