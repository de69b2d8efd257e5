using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using StructuredStream.Api.Streams;

namespace StructuredStream.Api.Hosting;

/// <summary>
/// gzip for event streams (and the demo page's files) when the client accepts it: the envelope every event repeats
/// (<c>seq</c>, <c>type</c>, the op and its path) compresses to a few bytes. Every batch of events is still flushed as
/// it is written (a sync flush of the compressor), so compression adds no latency.
/// </summary>
internal static class CompressionRegistration
{
    /// <summary>Adds gzip unless <see cref="StreamOptions.Compress"/> is off.</summary>
    public static IServiceCollection AddEventCompression(this IServiceCollection services, StreamOptions streams)
    {
        if (!streams.Compress)
        {
            return services;
        }

        // Only gzip: with a flush after each small event, Brotli at its fastest quality barely compresses (each flush
        // ends a block) and at better ones costs more CPU than gzip for no fewer bytes on this traffic.
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, EventStreamResult.NdjsonType, EventStreamResult.SseType];
        });
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        return services;
    }

    /// <summary>Compresses responses from here on, when <see cref="AddEventCompression"/> added it.</summary>
    public static WebApplication UseEventCompression(this WebApplication app, StreamOptions streams)
    {
        if (streams.Compress)
        {
            app.UseResponseCompression();
        }

        return app;
    }
}
