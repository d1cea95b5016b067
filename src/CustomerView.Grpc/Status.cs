namespace CustomerView.Grpc;

/// <summary>The outcome of a call: a status code and a human-readable detail.</summary>
/// <param name="Code">The status code.</param>
/// <param name="Detail">The detail sent as grpc-message; empty for none.</param>
public readonly record struct Status(StatusCode Code, string Detail)
{
    /// <summary>The success status.</summary>
    public static Status Ok { get; } = new(StatusCode.OK, string.Empty);

    /// <inheritdoc />
    public override string ToString() => $"Status(StatusCode=\"{Code}\", Detail=\"{Detail}\")";
}
