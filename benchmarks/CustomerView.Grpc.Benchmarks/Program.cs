using BenchmarkDotNet.Running;
using CustomerView.Grpc.Benchmarks;

if (args.Length > 0 && args[0] == "serve")
{
    await FloorServers.RunAsync();
    return 0;
}

if (args.Length > 0 && args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(FramingBenchmarks).Assembly).Run(args[1..]);
    return 0;
}

await Console.Error.WriteLineAsync("usage: CustomerView.Grpc.Benchmarks serve | micro [BenchmarkDotNet arguments]");
return 2;
