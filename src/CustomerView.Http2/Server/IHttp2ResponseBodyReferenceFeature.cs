namespace CustomerView.Http2.Server;

/// <summary>
/// Appends bytes to a response body by reference: CustomerView.Http2 frames them straight from the caller's memory into
/// the connection's output, one copy fewer than writing them through the body writer. The response body feature
/// (<see cref="Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature"/>) of CustomerView.Http2's streams
/// implements it; test that feature for it rather than asking the feature collection, so a middleware that replaced the
/// body is never bypassed.
/// </summary>
public interface IHttp2ResponseBodyReferenceFeature
{
    /// <summary>
    /// Appends <paramref name="data"/> after what the body writer holds. The server reads the memory at any time until
    /// it is written to the transport, usually after the request's pipeline has returned (with the connection's next
    /// flush, or later when the peer's flow-control window holds it back), so it must never change nor be reused: no
    /// pooled memory. Returns <see langword="false"/> when the body cannot take a reference now (one already
    /// waits, memory the writer handed out is not yet committed, or the writer was completed or is flushing): then
    /// write the bytes through the body writer instead.
    /// </summary>
    /// <param name="data">The bytes to send.</param>
    /// <returns>Whether the bytes were appended.</returns>
    bool TryAppendReference(ReadOnlyMemory<byte> data);
}
