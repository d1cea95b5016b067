using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace CustomerView.Grpc.Client;

/// <summary>A method to call: its path and its response parser.</summary>
/// <typeparam name="TRequest">The generated request type.</typeparam>
/// <typeparam name="TResponse">The generated response type.</typeparam>
/// <param name="Path">The path, /package.Service/Method.</param>
/// <param name="ResponseParser">Parses responses.</param>
public sealed record GrpcMethod<TRequest, TResponse>(string Path, MessageParser<TResponse> ResponseParser)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>, new();

/// <summary>Creates <see cref="GrpcMethod{TRequest, TResponse}"/> values.</summary>
public static class GrpcMethod
{
    /// <summary>Creates a method from its generated descriptor, checking the message types.</summary>
    /// <typeparam name="TRequest">The generated request type.</typeparam>
    /// <typeparam name="TResponse">The generated response type.</typeparam>
    /// <param name="method">The descriptor, e.g. <c>FooReflection.Descriptor.Services[0].FindMethodByName("Bar")</c>.</param>
    /// <returns>The method.</returns>
    public static GrpcMethod<TRequest, TResponse> Create<TRequest, TResponse>(MethodDescriptor method)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        var parser = new MessageParser<TResponse>(() => new TResponse());
        if (method.OutputType.FullName != new TResponse().Descriptor.FullName)
        {
            throw new ArgumentException($"Method '{method.FullName}' returns {method.OutputType.FullName}, not {typeof(TResponse).Name}.", nameof(method));
        }

        return new GrpcMethod<TRequest, TResponse>("/" + method.Service.FullName + "/" + method.Name, parser);
    }
}
