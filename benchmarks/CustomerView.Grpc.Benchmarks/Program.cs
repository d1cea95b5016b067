using CustomerView.Grpc.Benchmarks;

if (args.Length > 0 && args[0] == "serve")
{
    await FloorServers.RunAsync();
    return 0;
}

await Console.Error.WriteLineAsync("usage: CustomerView.Grpc.Benchmarks serve (framing micro-benchmarks: benchmarks/CustomerView.Benchmarks.Micro)");
return 2;
