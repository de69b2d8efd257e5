using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using StructuredStream.Api.Admission;
using StructuredStream.Logs;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Streams;

/// <summary>The generations running in this process, by stream id: starts them, cancels them, counts their readers.</summary>
public sealed class StreamHub : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Generation> _running = new(StringComparer.Ordinal);
    private readonly GenerationServices _services;
    private readonly GenerationAdmission _admissionLine;
    private readonly AdmissionOptions _admission;

    /// <summary>Creates the hub.</summary>
    public StreamHub(GenerationServices services, GenerationAdmission admissionLine, AdmissionOptions admission)
    {
        _services = services;
        _admissionLine = admissionLine;
        _admission = admission;
    }

    /// <summary>The number of generations running now.</summary>
    public int Running => _running.Count;

    /// <summary>The URL of a stream's events.</summary>
    public static string EventsUrl(string id) => $"/v1/streams/{id}/events";

    /// <summary>
    /// Registers a stream of <paramref name="client"/>, appends its <c>started</c> event and starts its model call, at
    /// once or when its turn in the <see cref="GenerationAdmission"/> comes.
    /// </summary>
    /// <exception cref="QueueFullException">The client has as many streams waiting as it may.</exception>
    /// <exception cref="StreamLogFullException">The log has no room.</exception>
    public async Task<Generation> StartAsync(GenerationRequest request, string client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = "st_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)); // 128 random bits: ids cannot be guessed
        var ticket = await _admissionLine.TryEnterAsync(client, id).ConfigureAwait(false) ?? throw new QueueFullException(
            $"This client already has {_admission.ActivePerClient} streams running and {_admission.QueuePerClient} waiting; try again when one ends.");
        try
        {
            await _services.Log.CreateAsync(new StreamDescriptor(id, request.Schema.Hash, _services.Client.ModelName, _services.Time.GetUtcNow())
            {
                SchemaId = request.SchemaId,
                Tenant = request.Tenant,
                RelatedTo = request.RegeneratedFrom ?? request.Continuation?.From,
                Request = request.Source is null ? null : JsonSerializer.Serialize(request.Source, JsonSerializerOptions.Web),
            }, cancellationToken).ConfigureAwait(false);
            var started = new StartedEvent(id, request.Schema.Hash, _services.Client.ModelName, EventsUrl(id))
            {
                SchemaId = request.SchemaId,
                RegeneratedFrom = request.RegeneratedFrom,
                ContinuedFrom = request.Continuation?.From,
            };
            // Registered, the stream is the service's: a request gone from here on must not leave it without its
            // generation (never ended, and in Redis renewed for good). With no reader, its grace period ends it.
            await _services.Log.AppendAsync(id, [started], CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            ticket.Dispose();
            throw;
        }

        var generation = new Generation(id, request, _services, ticket, _admission);
        _running[id] = generation;
        _services.Metrics.Started();
        // The creating request reads the stream: it counts as a reader from the start.
        generation.ReaderAttached();
        generation.Start();
        _ = generation.Completion.ContinueWith(
            _ =>
            {
                _running.TryRemove(id, out var _);
                ticket.Dispose();
                generation.Dispose();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return generation;
    }

    /// <summary>The running generation of a stream, if it runs here.</summary>
    public bool TryGet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Generation? generation) =>
        _running.TryGetValue(id, out generation);

    /// <summary>
    /// Ends every running stream (<c>error</c> <c>shutting_down</c>, then <c>final</c>) and waits until their finals are
    /// in the log. Called when the service starts stopping, so that readers still connected get the end of their
    /// streams before the server closes their connections.
    /// </summary>
    public async Task StopAllAsync()
    {
        foreach (var generation in _running.Values)
        {
            generation.Cancel(CancelReason.Shutdown);
        }

        await Task.WhenAll(_running.Values.Select(g => g.Completion)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAllAsync().ConfigureAwait(false);
}
