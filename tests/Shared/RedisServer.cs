using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace StructuredStream.Tests.Processes;

/// <summary>
/// A real <c>redis-server</c> (Debian's package; <c>bash .ci/run</c> installs it) on a loopback port of the test's
/// own, without persistence, stopped when disposed.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private StackExchange.Redis.ConnectionMultiplexer? _admin;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>Why Redis tests are skipped here, or null when redis-server is installed.</summary>
    public static string? SkipReason { get; } = FindExecutable() is null
        ? "redis-server is not installed: `bash .ci/run` installs it (Debian's redis-server package)."
        : null;

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string.</summary>
    public string Configuration => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=2000";

    public static async Task<RedisServer> StartAsync()
    {
        var executable = FindExecutable() ?? throw new InvalidOperationException(SkipReason);
        var port = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Makes Redis hold every client's commands for <paramref name="time"/>, as a server stuck in a slow command would.</summary>
    public async Task PauseAsync(TimeSpan time)
    {
        // A connection kept open: closing one during the pause would wait for the pause to end.
        _admin ??= await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"{Configuration},allowAdmin=true");
        await _admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", (long)time.TotalMilliseconds, "ALL");
    }

    public async ValueTask DisposeAsync()
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindExecutable()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/sbin").Append("/usr/bin"))
        {
            var candidate = Path.Combine(dir, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
