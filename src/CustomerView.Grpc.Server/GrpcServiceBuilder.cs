using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace CustomerView.Grpc.Server;

/// <summary>Registers the methods of one service, checked against its generated descriptor.</summary>
public sealed class GrpcServiceBuilder
{
    private readonly ServiceDescriptor _service;
    private readonly ServerRuntime _runtime;
    private readonly IReadOnlyList<IGrpcInterceptor> _interceptors;

    internal GrpcServiceBuilder(ServiceDescriptor service, ServerRuntime runtime, IReadOnlyList<IGrpcInterceptor> interceptors)
    {
        _service = service;
        _runtime = runtime;
        _interceptors = interceptors;
    }

    /// <summary>Registers a unary method.</summary>
    /// <typeparam name="TRequest">The generated request type.</typeparam>
    /// <typeparam name="TResponse">The generated response type.</typeparam>
    /// <param name="methodName">The method's name in the .proto service.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>This builder.</returns>
    public GrpcServiceBuilder MapUnary<TRequest, TResponse>(string methodName, UnaryHandler<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(handler);
        var path = Resolve<TRequest, TResponse>(methodName, clientStreaming: false, serverStreaming: false);
        return Add(new UnaryServerMethod<TRequest, TResponse>(path, _runtime, ParserOf<TRequest>(), handler));
    }

    /// <summary>
    /// Registers a unary method whose handler answers with an already serialized response, which is written as it is
    /// (framed, and compressed when the call asks for it) instead of being serialized on every call.
    /// </summary>
    /// <typeparam name="TRequest">The generated request type.</typeparam>
    /// <typeparam name="TResponse">The generated response type (checked against the method; the bytes are not).</typeparam>
    /// <param name="methodName">The method's name in the .proto service.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>This builder.</returns>
    public GrpcServiceBuilder MapSerializedUnary<TRequest, TResponse>(string methodName, SerializedUnaryHandler<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(handler);
        var path = Resolve<TRequest, TResponse>(methodName, clientStreaming: false, serverStreaming: false);
        return Add(new SerializedUnaryServerMethod<TRequest, TResponse>(path, _runtime, ParserOf<TRequest>(), handler));
    }

    /// <summary>Registers a server-streaming method.</summary>
    /// <typeparam name="TRequest">The generated request type.</typeparam>
    /// <typeparam name="TResponse">The generated response type.</typeparam>
    /// <param name="methodName">The method's name in the .proto service.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>This builder.</returns>
    public GrpcServiceBuilder MapServerStreaming<TRequest, TResponse>(string methodName, ServerStreamingHandler<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(handler);
        var path = Resolve<TRequest, TResponse>(methodName, clientStreaming: false, serverStreaming: true);
        return Add(new ServerStreamingServerMethod<TRequest, TResponse>(path, _runtime, ParserOf<TRequest>(), handler));
    }

    /// <summary>Registers a client-streaming method.</summary>
    /// <typeparam name="TRequest">The generated request type.</typeparam>
    /// <typeparam name="TResponse">The generated response type.</typeparam>
    /// <param name="methodName">The method's name in the .proto service.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>This builder.</returns>
    public GrpcServiceBuilder MapClientStreaming<TRequest, TResponse>(string methodName, ClientStreamingHandler<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(handler);
        var path = Resolve<TRequest, TResponse>(methodName, clientStreaming: true, serverStreaming: false);
        return Add(new ClientStreamingServerMethod<TRequest, TResponse>(path, _runtime, ParserOf<TRequest>(), handler));
    }

    /// <summary>Registers a bidirectional-streaming method.</summary>
    /// <typeparam name="TRequest">The generated request type.</typeparam>
    /// <typeparam name="TResponse">The generated response type.</typeparam>
    /// <param name="methodName">The method's name in the .proto service.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>This builder.</returns>
    public GrpcServiceBuilder MapDuplexStreaming<TRequest, TResponse>(string methodName, DuplexStreamingHandler<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(handler);
        var path = Resolve<TRequest, TResponse>(methodName, clientStreaming: true, serverStreaming: true);
        return Add(new DuplexStreamingServerMethod<TRequest, TResponse>(path, _runtime, ParserOf<TRequest>(), handler));
    }

    /// <summary>
    /// The generated parser (whose factory calls the constructor directly), or one that creates messages through
    /// <c>new T()</c>, which goes through <see cref="Activator"/> on every message.
    /// </summary>
    private static MessageParser<T> ParserOf<T>()
        where T : class, IMessage<T>, new() =>
        new T().Descriptor.Parser as MessageParser<T> ?? new MessageParser<T>(() => new T());

    private GrpcServiceBuilder Add(ServerMethod method)
    {
        method.UseInterceptors(_interceptors);
        _runtime.Registry.Add(method);
        return this;
    }

    private string Resolve<TRequest, TResponse>(string methodName, bool clientStreaming, bool serverStreaming)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentException.ThrowIfNullOrEmpty(methodName);
        var method = _service.FindMethodByName(methodName)
            ?? throw new ArgumentException($"Service '{_service.FullName}' has no method '{methodName}'.", nameof(methodName));
        if (method.InputType.FullName != new TRequest().Descriptor.FullName
            || method.OutputType.FullName != new TResponse().Descriptor.FullName)
        {
            throw new ArgumentException(
                $"Method '{method.FullName}' takes {method.InputType.FullName} and returns {method.OutputType.FullName}, not {typeof(TRequest).Name} and {typeof(TResponse).Name}.",
                nameof(methodName));
        }

        if (method.IsClientStreaming != clientStreaming || method.IsServerStreaming != serverStreaming)
        {
            throw new ArgumentException(
                $"Method '{method.FullName}' is declared with client streaming {method.IsClientStreaming} and server streaming {method.IsServerStreaming}.",
                nameof(methodName));
        }

        return "/" + _service.FullName + "/" + method.Name;
    }
}
