using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace StructuredStream.Api.Access;

/// <summary>
/// Without API keys anyone who can reach the service can use it, so it then serves loopback only: it says so when it
/// starts, and stops at once (exit code 1) if it was bound to another interface, unless
/// <see cref="AccessOptions.AllowAnonymousNetwork"/> says a gateway in front of it authenticates.
/// </summary>
public static partial class LoopbackGuard
{
    /// <summary>Checks the addresses once the server has started.</summary>
    public static void Watch(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var keys = app.Services.GetRequiredService<ApiKeys>();
            var options = app.Services.GetRequiredService<AccessOptions>();
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LoopbackGuard));
            if (keys.Required || addresses.Count == 0)
            {
                return;
            }

            var exposed = addresses.Where(a => !IsLoopback(a)).ToList();
            if (exposed.Count == 0)
            {
                ServingLoopbackOnly(logger, addresses);
            }
            else if (options.AllowAnonymousNetwork)
            {
                ServingAnyone(logger, exposed);
            }
            else
            {
                Refusing(logger, exposed);
                Environment.ExitCode = 1;
                app.Lifetime.StopApplication();
            }
        });
    }

    /// <summary>Whether a server address (such as <c>http://127.0.0.1:5080</c>) listens on loopback only.</summary>
    public static bool IsLoopback(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!Uri.TryCreate(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No API keys configured (StructuredStream:Access:Keys): one tenant, serving loopback only ({Addresses}).")]
    private static partial void ServingLoopbackOnly(ILogger logger, IEnumerable<string> addresses);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API keys configured and StructuredStream:Access:AllowAnonymousNetwork is true: anyone reaching {Addresses} can use the service.")]
    private static partial void ServingAnyone(ILogger logger, IEnumerable<string> addresses);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Refusing to serve {Addresses} without API keys: configure StructuredStream:Access:Keys, listen on loopback only, or set StructuredStream:Access:AllowAnonymousNetwork to true behind an authenticating gateway.")]
    private static partial void Refusing(ILogger logger, IEnumerable<string> addresses);
}
