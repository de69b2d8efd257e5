using StructuredStream.Api.Diagnostics;
using StructuredStream.Api.Models;
using StructuredStream.Logs;

namespace StructuredStream.Api.Streams;

/// <summary>What every generation shares: the log, the model, its policy, the options, the clock and the metrics.</summary>
public sealed record GenerationServices(
    IStreamLog Log,
    ModelClient Client,
    ModelCallPolicy Policy,
    ModelOptions Model,
    StreamOptions Streams,
    TimeProvider Time,
    StreamMetrics Metrics);
