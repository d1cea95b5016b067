using Google.Protobuf;
using Google.Protobuf.Reflection;
using V1 = CustomerView.Grpc.Reflection.V1;
using V1Alpha = CustomerView.Grpc.Reflection.V1Alpha;

namespace CustomerView.Grpc.Server.Reflection;

/// <summary>
/// Server reflection (doc/server-reflection.md) over the registered services' generated file descriptors. v1alpha
/// has the same wire format as v1, so its messages are answered by the v1 logic through their bytes.
/// </summary>
internal sealed class ReflectionService(GrpcMethodRegistry registry)
{
    private ReflectionIndex? _index;

    private ReflectionIndex Index => _index ??= ReflectionIndex.Build(registry.Services);

    public void MapV1(GrpcServiceBuilder service) =>
        service.MapDuplexStreaming<V1.ServerReflectionRequest, V1.ServerReflectionResponse>("ServerReflectionInfo", InfoV1Async);

    public void MapV1Alpha(GrpcServiceBuilder service) =>
        service.MapDuplexStreaming<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse>("ServerReflectionInfo", InfoV1AlphaAsync);

    private async Task InfoV1Async(
        IAsyncEnumerable<V1.ServerReflectionRequest> requests, IServerStreamWriter<V1.ServerReflectionResponse> responses, ServerCallContext context)
    {
        await foreach (var request in requests.WithCancellation(context.CancellationToken).ConfigureAwait(false))
        {
            await responses.WriteAsync(Answer(request), context.CancellationToken).ConfigureAwait(false);
        }
    }

    private async Task InfoV1AlphaAsync(
        IAsyncEnumerable<V1Alpha.ServerReflectionRequest> requests, IServerStreamWriter<V1Alpha.ServerReflectionResponse> responses, ServerCallContext context)
    {
        await foreach (var request in requests.WithCancellation(context.CancellationToken).ConfigureAwait(false))
        {
            var answer = Answer(V1.ServerReflectionRequest.Parser.ParseFrom(request.ToByteString()));
            await responses.WriteAsync(V1Alpha.ServerReflectionResponse.Parser.ParseFrom(answer.ToByteString()), context.CancellationToken)
                .ConfigureAwait(false);
        }
    }

    private V1.ServerReflectionResponse Answer(V1.ServerReflectionRequest request)
    {
        var response = new V1.ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        var index = Index;
        switch (request.MessageRequestCase)
        {
            case V1.ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                var list = new V1.ListServiceResponse();
                foreach (var service in registry.Services)
                {
                    list.Service.Add(new V1.ServiceResponse { Name = service.FullName });
                }

                response.ListServicesResponse = list;
                break;
            case V1.ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                if (index.Files.TryGetValue(request.FileByFilename, out var file))
                {
                    response.FileDescriptorResponse = WithDependencies(file);
                }
                else
                {
                    response.ErrorResponse = Error(StatusCode.NotFound, "File not found.");
                }

                break;
            case V1.ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                if (index.Symbols.TryGetValue(request.FileContainingSymbol, out var owner))
                {
                    response.FileDescriptorResponse = WithDependencies(owner);
                }
                else
                {
                    response.ErrorResponse = Error(StatusCode.NotFound, "Symbol not found.");
                }

                break;
            case V1.ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                if (index.Symbols.ContainsKey(request.AllExtensionNumbersOfType))
                {
                    response.AllExtensionNumbersResponse = new V1.ExtensionNumberResponse { BaseTypeName = request.AllExtensionNumbersOfType };
                }
                else
                {
                    response.ErrorResponse = Error(StatusCode.NotFound, "Type not found.");
                }

                break;
            case V1.ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                response.ErrorResponse = Error(StatusCode.NotFound, "Extension not found.");
                break;
            default:
                response.ErrorResponse = Error(StatusCode.InvalidArgument, "No reflection request was set.");
                break;
        }

        return response;
    }

    private static V1.FileDescriptorResponse WithDependencies(FileDescriptor file)
    {
        var response = new V1.FileDescriptorResponse();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<FileDescriptor>();
        pending.Enqueue(file);
        while (pending.TryDequeue(out var next))
        {
            if (!seen.Add(next.Name))
            {
                continue;
            }

            response.FileDescriptorProto.Add(next.SerializedData);
            foreach (var dependency in next.Dependencies)
            {
                pending.Enqueue(dependency);
            }
        }

        return response;
    }

    private static V1.ErrorResponse Error(StatusCode code, string message) =>
        new() { ErrorCode = (int)code, ErrorMessage = message };

    /// <summary>Every file reachable from the registered services, and the file declaring each symbol.</summary>
    private sealed record ReflectionIndex(Dictionary<string, FileDescriptor> Files, Dictionary<string, FileDescriptor> Symbols)
    {
        public static ReflectionIndex Build(IReadOnlyList<ServiceDescriptor> services)
        {
            var files = new Dictionary<string, FileDescriptor>(StringComparer.Ordinal);
            var symbols = new Dictionary<string, FileDescriptor>(StringComparer.Ordinal);
            var pending = new Stack<FileDescriptor>();
            foreach (var service in services)
            {
                pending.Push(service.File);
            }

            while (pending.TryPop(out var file))
            {
                if (!files.TryAdd(file.Name, file))
                {
                    continue;
                }

                foreach (var service in file.Services)
                {
                    symbols.TryAdd(service.FullName, file);
                    foreach (var method in service.Methods)
                    {
                        symbols.TryAdd(method.FullName, file);
                    }
                }

                foreach (var message in file.MessageTypes)
                {
                    AddMessage(message, file, symbols);
                }

                foreach (var enumType in file.EnumTypes)
                {
                    symbols.TryAdd(enumType.FullName, file);
                }

                foreach (var dependency in file.Dependencies)
                {
                    pending.Push(dependency);
                }
            }

            return new ReflectionIndex(files, symbols);
        }

        private static void AddMessage(MessageDescriptor message, FileDescriptor file, Dictionary<string, FileDescriptor> symbols)
        {
            symbols.TryAdd(message.FullName, file);
            foreach (var enumType in message.EnumTypes)
            {
                symbols.TryAdd(enumType.FullName, file);
            }

            foreach (var nested in message.NestedTypes)
            {
                AddMessage(nested, file, symbols);
            }
        }
    }
}
