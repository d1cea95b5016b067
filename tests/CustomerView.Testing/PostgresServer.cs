using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;

namespace CustomerView.Testing;

/// <summary>
/// A throwaway PostgreSQL 15 server for one test class: initdb into a temporary folder, start on a free loopback port
/// (fsync off unless <see cref="Durable"/>), and stop (immediate) and delete it at the end. A missing installation
/// fails the tests; it never skips them.
/// Set CUSTOMERVIEW_PG_BIN to use binaries elsewhere than /usr/lib/postgresql/15/bin.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private readonly string _bin = Environment.GetEnvironmentVariable("CUSTOMERVIEW_PG_BIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin";
    private readonly bool _asRoot = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
    private string? _root;
    private int _databases;

    /// <summary>
    /// Whether commits are durable (PostgreSQL's defaults: fsync, synchronous commit, full-page writes). Tests leave it
    /// off for speed; a benchmark that reports durable commits turns it on.
    /// </summary>
    public bool Durable { get; init; }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>How long initdb plus start took.</summary>
    public TimeSpan StartupTime { get; private set; }

    private string DataDirectory => Path.Combine(_root!, "data");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Path.Combine(_bin, "initdb")) || !File.Exists(Path.Combine(_bin, "pg_ctl")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 server binaries were not found in {_bin} (initdb, pg_ctl). Install them with eng/prerequisites.sh "
                + "(Debian package 'postgresql'); the PostgreSQL store tests need a real server and do not skip.");
        }

        var stopwatch = Stopwatch.StartNew();
        // The postgres user must be able to reach the folder, so it lives under /tmp when we are root.
        _root = Directory.CreateTempSubdirectory("cv-pg-").FullName;
        if (_asRoot)
        {
            var moved = Path.Combine("/tmp", Path.GetFileName(_root));
            if (!string.Equals(Path.GetDirectoryName(_root), "/tmp", StringComparison.Ordinal))
            {
                Directory.Delete(_root);
                Directory.CreateDirectory(moved);
                _root = moved;
            }

            await RunAsync("chown", "postgres:postgres", _root);
        }

        await RunPostgresToolAsync("initdb", "-D", DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync");
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Port = FreePort();
            try
            {
                await RunPostgresToolAsync("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
                    "-o", $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1{(Durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")} -c max_connections=200",
                    "start");
                StartupTime = stopwatch.Elapsed;
                return;
            }
            catch (InvalidOperationException e)
            {
                last = e;
            }
        }

        throw new InvalidOperationException($"PostgreSQL did not start; see {Path.Combine(_root, "server.log")}.", last);
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"cv_test_{Interlocked.Increment(ref _databases)}";
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_root is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await RunPostgresToolAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
            }
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            IncludeErrorDetail = true,
            Timeout = 30,
        }.ToString();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task RunPostgresToolAsync(string tool, params string[] arguments)
    {
        var path = Path.Combine(_bin, tool);
        return _asRoot ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/tmp",
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }
}
