namespace CustomerView.Grpc;

/// <summary>What <see cref="GrpcFraming.TryReadFrame"/> found at the start of a buffer.</summary>
public enum MessageReadOutcome
{
    /// <summary>Not enough bytes for a whole message yet.</summary>
    NeedMoreData,

    /// <summary>A whole message was read.</summary>
    Message,

    /// <summary>The declared length exceeds the receive limit (known as soon as the 5-byte prefix arrives).</summary>
    TooLarge,

    /// <summary>The compressed flag is neither 0 nor 1.</summary>
    InvalidFlag,
}
