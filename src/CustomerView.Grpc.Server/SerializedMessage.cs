using Google.Protobuf;

namespace CustomerView.Grpc.Server;

/// <summary>
/// A message of type <typeparamref name="T"/> already serialized (its protobuf wire bytes, without the gRPC prefix),
/// which the server sends as it is instead of serializing a message object on every call. Lets a service that
/// answers the same response many times serialize it once.
/// </summary>
/// <typeparam name="T">The message type the bytes encode; the server does not check them.</typeparam>
/// <param name="bytes">
/// The wire bytes of one <typeparamref name="T"/>, which must never change nor be reused: no pooled memory. The server
/// only reads them, but at any time until they are written to the transport, usually after the handler has returned
/// (on CustomerView.Http2 they go out from where they lie with the connection's next flush, or later when the client's
/// flow-control window holds the response back).
/// </param>
public readonly struct SerializedMessage<T>(ReadOnlyMemory<byte> bytes) : IEquatable<SerializedMessage<T>>
    where T : class, IMessage<T>
{
    /// <summary>The message's wire bytes.</summary>
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    /// <summary>Whether two values refer to the same bytes.</summary>
    public static bool operator ==(SerializedMessage<T> left, SerializedMessage<T> right) => left.Equals(right);

    /// <summary>Whether two values refer to different bytes.</summary>
    public static bool operator !=(SerializedMessage<T> left, SerializedMessage<T> right) => !left.Equals(right);

    /// <summary>Whether <paramref name="other"/> refers to the same bytes (not whether the contents are equal).</summary>
    /// <param name="other">The other value.</param>
    /// <returns>True when both refer to the same memory.</returns>
    public bool Equals(SerializedMessage<T> other) => Bytes.Equals(other.Bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SerializedMessage<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Bytes.GetHashCode();
}
