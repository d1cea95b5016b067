namespace CustomerView.Http2.Hpack;

/// <summary>Receives a header block's fields, in order, as <see cref="HpackDecoder"/> decodes them.</summary>
internal interface IHpackHeaderSink
{
    /// <summary>One field; the spans are valid only during the call.</summary>
    void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value);
}
