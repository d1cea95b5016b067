namespace CustomerView.Node;

/// <summary>What a person starting a node needs to see: where it listens and a call to paste.</summary>
internal static class Banner
{
    public static void Print(CustomerViewNode node)
    {
        var address = node.GrpcAddresses.Count > 0 ? node.GrpcAddresses[0].ToString().TrimEnd('/') : "(no endpoint)";
        var kafka = node.EmbeddedKafka is { } embedded ? $"embedded mock cluster at {embedded.BootstrapServers}" : node.Settings.Kafka.BootstrapServers;
        Console.WriteLine();
        Console.WriteLine("CustomerView node is up.");
        Console.WriteLine($"  gRPC      {address}   (h2c; health and server reflection enabled)");
        Console.WriteLine($"  Kafka     {kafka}");
        Console.WriteLine($"  Storage   {node.Settings.Storage.Provider} ({Path.GetFullPath(node.Settings.DataDirectory)})");
        Console.WriteLine();
        Console.WriteLine("Try it (in another terminal):");
        Console.WriteLine($"  dotnet run --project src/CustomerView.Cli -- --server {address} profile DEMO-000001 --view card");
        Console.WriteLine($"  dotnet run --project src/CustomerView.Cli -- --server {address} watch DEMO-000001");
        Console.WriteLine();
        Console.WriteLine("Press Ctrl+C to stop.");
    }
}
