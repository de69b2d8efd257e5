using System.Buffers;
using StructuredStream.Patching;

namespace StructuredStream.Protocol;

/// <summary>Writes events to a stream as NDJSON: one JSON object and a line feed per event, flushed per event or per batch.</summary>
/// <remarks>
/// Given to <see cref="Streaming.EventStreamBuilder"/> as its <see cref="IStreamEventTarget"/>, it numbers the events
/// itself, from the seq after the last one it wrote, and writes each without flushing (<see cref="Flush"/> once per
/// chunk): patch and complete events then go from the engine's buffers to bytes with no object in between.
/// </remarks>
public sealed class NdjsonEventWriter : IDisposable, IStreamEventTarget
{
    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly EventFormatter _formatter = new();

    /// <summary>Creates a writer over <paramref name="output"/>, which it does not own.</summary>
    public NdjsonEventWriter(Stream output) => _output = output ?? throw new ArgumentNullException(nameof(output));

    /// <summary>The seq of the last event written (0 before the first).</summary>
    public long LastSeq { get; private set; }

    /// <summary>Writes one event line and flushes it.</summary>
    public void Write(SequencedEvent sequenced)
    {
        WriteUnflushed(sequenced);
        _output.Flush();
    }

    /// <summary>
    /// Writes one event line without flushing, for a caller that flushes once per batch (<see cref="Flush"/>): over a
    /// buffered stream, a flush per event is a system call per event.
    /// </summary>
    public void WriteUnflushed(SequencedEvent sequenced)
    {
        Format(sequenced);
        _output.Write(_buffer.WrittenSpan);
    }

    /// <summary>Flushes the output.</summary>
    public void Flush() => _output.Flush();

    /// <summary>Writes one event line and flushes it.</summary>
    public async ValueTask WriteAsync(SequencedEvent sequenced, CancellationToken cancellationToken = default)
    {
        Format(sequenced);
        await _output.WriteAsync(_buffer.WrittenMemory, cancellationToken);
        await _output.FlushAsync(cancellationToken);
    }

    /// <summary>Formats one event line into a reused buffer and returns it; valid until the next call.</summary>
    public ReadOnlyMemory<byte> Format(SequencedEvent sequenced)
    {
        _buffer.ResetWrittenCount();
        _formatter.Format(sequenced, _buffer);
        EndLine(sequenced.Seq);
        return _buffer.WrittenMemory;
    }

    /// <inheritdoc />
    void IStreamEventTarget.AddPatch(ReadOnlySpan<PatchOperationView> operations)
    {
        _buffer.ResetWrittenCount();
        _formatter.FormatPatch(LastSeq + 1, operations, _buffer);
        WriteLine(LastSeq + 1);
    }

    /// <inheritdoc />
    void IStreamEventTarget.AddComplete(ReadOnlySpan<string> paths)
    {
        _buffer.ResetWrittenCount();
        _formatter.FormatComplete(LastSeq + 1, paths, _buffer);
        WriteLine(LastSeq + 1);
    }

    /// <inheritdoc />
    void IStreamEventTarget.Add(StreamEvent streamEvent) => WriteUnflushed(new SequencedEvent(LastSeq + 1, streamEvent));

    /// <inheritdoc />
    public void Dispose() => _formatter.Dispose();

    private void WriteLine(long seq)
    {
        EndLine(seq);
        _output.Write(_buffer.WrittenSpan);
    }

    private void EndLine(long seq)
    {
        _buffer.Write("\n"u8);
        LastSeq = seq;
    }
}
