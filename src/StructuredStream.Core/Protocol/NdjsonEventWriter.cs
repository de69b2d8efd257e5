using System.Buffers;

namespace StructuredStream.Protocol;

/// <summary>Writes events to a stream as NDJSON: one JSON object and a line feed per event, flushed per event or per batch.</summary>
public sealed class NdjsonEventWriter : IDisposable
{
    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly EventFormatter _formatter = new();

    /// <summary>Creates a writer over <paramref name="output"/>, which it does not own.</summary>
    public NdjsonEventWriter(Stream output) => _output = output ?? throw new ArgumentNullException(nameof(output));

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
        _buffer.Write("\n"u8);
        return _buffer.WrittenMemory;
    }

    /// <inheritdoc />
    public void Dispose() => _formatter.Dispose();
}
