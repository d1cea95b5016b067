using CustomerView.Grpc.Client;
using CustomerView.Grpc.Tests.V1;

namespace CustomerView.Grpc.Tests.Infrastructure;

/// <summary>Client-side methods of the test service.</summary>
public static class TestMethods
{
    public static GrpcMethod<TestRequest, TestResponse> Echo { get; } = Create("Echo");

    public static GrpcMethod<TestRequest, TestResponse> EchoSerialized { get; } = Create("EchoSerialized");

    public static GrpcMethod<TestRequest, TestResponse> Fail { get; } = Create("Fail");

    public static GrpcMethod<TestRequest, TestResponse> Throw { get; } = Create("Throw");

    public static GrpcMethod<TestRequest, TestResponse> Sleep { get; } = Create("Sleep");

    public static GrpcMethod<TestRequest, TestResponse> Abandon { get; } = Create("Abandon");

    public static GrpcMethod<TestRequest, TestResponse> Stream { get; } = Create("Stream");

    private static GrpcMethod<TestRequest, TestResponse> Create(string name) =>
        GrpcMethod.Create<TestRequest, TestResponse>(TestServiceReflection.Descriptor.Services[0].FindMethodByName(name));
}
