using CustomerView.LoadTool;

return args.Length == 0 ? Usage() : args[0] switch
{
    "node" => await ChildHost.RunNodeAsync(new Arguments(args[1..])),
    "floor" => await ChildHost.RunFloorAsync(new Arguments(args[1..])),
    "responder" => await ChildHost.RunResponderAsync(new Arguments(args[1..])),
    "all" or "ingestion" or "query" or "memory" => await Suite.RunAsync(args[0], new Arguments(args[1..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: CustomerView.LoadTool all|ingestion|query|memory [--storage sqlite,postgres] [--out benchmarks/results]
                                     [--seconds 20] [--customers 1000000] [--quick]
        """);
    return 2;
}
