using StackExchange.Redis;
using StructuredStream.Api.Admission;
using StructuredStream.Api.Cluster;
using StructuredStream.Logs;
using StructuredStream.Redis;

namespace StructuredStream.Api.Hosting;

/// <summary>Wires the stream log the configuration names: in memory, or Redis with ownership, slots and tenants' schemas across instances.</summary>
public static class LogRegistration
{
    /// <summary>The log the configuration names; with Redis, the ownership of streams across instances too.</summary>
    public static void AddStreamLog(this IServiceCollection services, ServiceOptions options)
    {
        switch (options.Log.Kind.ToLowerInvariant())
        {
            case "memory":
                services.AddSingleton<IStreamLog>(provider => new InMemoryStreamLog(
                    new InMemoryStreamLogOptions { RetainFor = options.Streams.RetainFor, MaxStreams = options.Streams.MaxStreams, RecentEvents = options.Streams.RecentEvents },
                    provider.GetRequiredService<TimeProvider>()));
                services.AddSingleton<IStreamOwnership, LocalStreamOwnership>();
                services.AddSingleton<IAdmissionSlots>(new LocalAdmissionSlots(options.Admission));
                break;
            case "redis":
                var redis = options.Log.Redis;
                var logOptions = new RedisStreamLogOptions
                {
                    KeyPrefix = redis.KeyPrefix,
                    LeaseTime = redis.LeaseTime,
                    FoldAfter = redis.FoldAfter,
                    RetainFor = options.Streams.RetainFor,
                    RecentEvents = options.Streams.RecentEvents,
                };
                if (redis.InstanceId is { Length: > 0 } instance)
                {
                    logOptions = logOptions with { InstanceId = instance };
                }

                services.AddSingleton(logOptions);
                services.AddSingleton<IConnectionMultiplexer>(_ => ConnectRedis(redis.Configuration));
                services.AddSingleton(provider => new RedisStreamLog(provider.GetRequiredService<IConnectionMultiplexer>(), logOptions, provider.GetRequiredService<TimeProvider>()));
                services.AddSingleton<IStreamLog>(provider => provider.GetRequiredService<RedisStreamLog>());
                services.AddSingleton(provider => new RedisStreamSignals(provider.GetRequiredService<IConnectionMultiplexer>(), logOptions));
                services.AddSingleton(provider => new RedisSchemaStore(provider.GetRequiredService<IConnectionMultiplexer>(), logOptions));
                services.AddSingleton<RedisStreamOwnership>();
                services.AddSingleton<IStreamOwnership>(provider => provider.GetRequiredService<RedisStreamOwnership>());
                services.AddHostedService(provider => provider.GetRequiredService<RedisStreamOwnership>());
                services.AddSingleton(provider => new RedisCallSlots(provider.GetRequiredService<IConnectionMultiplexer>(), logOptions, provider.GetRequiredService<TimeProvider>()));
                services.AddSingleton<RedisAdmissionSlots>();
                services.AddSingleton<IAdmissionSlots>(provider => provider.GetRequiredService<RedisAdmissionSlots>());
                services.AddHostedService(provider => provider.GetRequiredService<RedisAdmissionSlots>());
                break;
            default:
                throw new InvalidOperationException($"StructuredStream:Log:Kind is '{options.Log.Kind}'; it must be memory or redis.");
        }
    }

    private static ConnectionMultiplexer ConnectRedis(string configuration)
    {
        var redisOptions = ConfigurationOptions.Parse(configuration);
        // At start the service needs Redis: fail with a clear message instead of serving streams it cannot log.
        redisOptions.AbortOnConnectFail = true;
        try
        {
            return ConnectionMultiplexer.Connect(redisOptions);
        }
        catch (RedisConnectionException e)
        {
            throw new InvalidOperationException(
                $"StructuredStream:Log:Kind is redis, but Redis at '{configuration}' (StructuredStream:Log:Redis:Configuration) cannot be reached: {e.Message} " +
                "Start Redis there, or set StructuredStream:Log:Kind to memory for a single instance.", e);
        }
    }
}
