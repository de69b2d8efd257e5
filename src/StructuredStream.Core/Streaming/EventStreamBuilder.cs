using StructuredStream.Documents;
using StructuredStream.Parsing;
using StructuredStream.Patching;
using StructuredStream.Protocol;

namespace StructuredStream.Streaming;

/// <summary>
/// Turns a model's text, chunk by chunk, into the protocol's events: after each chunk, at most one <c>patch</c> and
/// one <c>complete</c>; at the end, a <c>final</c> (preceded by an <c>error</c> when the text could not be read).
/// </summary>
/// <remarks>
/// Events carry no seq: whoever stores them numbers them. After every <see cref="Append"/>, <see cref="Document"/>
/// equals the result of applying all emitted patches to <c>null</c>. Not thread safe.
/// </remarks>
public sealed class EventStreamBuilder : IDisposable
{
    private readonly RepairLog _repairs = new();
    private readonly IncrementalJsonParser _parser;
    private readonly PatchEmitter _emitter;
    private readonly bool _tolerant;
    private Utf8ChunkDecoder? _decoder;

    /// <summary>Creates a builder.</summary>
    public EventStreamBuilder(EventStreamOptions? options = null)
    {
        options ??= EventStreamOptions.Default;
        _tolerant = options.Parser.Tolerant;
        _parser = new IncrementalJsonParser(options.Parser, _repairs);
        _emitter = new PatchEmitter(options.PatchMode, _repairs);
    }

    /// <summary>The partial object as of the last emitted event.</summary>
    public DocumentNode Document => _emitter.Document;

    /// <summary>The repairs made so far.</summary>
    public IReadOnlyList<Repair> Repairs => _repairs.Repairs;

    /// <summary>Whether the <c>final</c> event has been emitted.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>Whether the root value has been read completely.</summary>
    public bool IsRootComplete => _parser.IsRootComplete;

    /// <summary>Reads a chunk and adds the events it produces to <paramref name="output"/>.</summary>
    /// <exception cref="InvalidOperationException">The stream has already finished.</exception>
    public void Append(ReadOnlySpan<char> chunk, ICollection<StreamEvent> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ThrowIfFinished();
        try
        {
            Read(chunk);
        }
        catch (JsonParseException e)
        {
            Fail(ParseError(e), output);
            return;
        }

        _emitter.Flush(output);
    }

    /// <summary>
    /// Reads a chunk of UTF-8 bytes, which may end inside a multi-byte sequence. Bytes that are not UTF-8 are replaced
    /// (repair <c>invalid_utf8</c>) when tolerant, and fail the stream when strict.
    /// </summary>
    public void AppendUtf8(ReadOnlySpan<byte> chunk, ICollection<StreamEvent> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ThrowIfFinished();
        ReadOnlySpan<char> text;
        try
        {
            _decoder ??= new Utf8ChunkDecoder(_tolerant, _repairs);
            text = _decoder.Decode(chunk);
        }
        catch (JsonParseException e)
        {
            Fail(ParseError(e), output);
            return;
        }

        Append(text, output);
    }

    /// <summary>
    /// Ends the stream. With <see cref="StreamOutcome.Completed"/>, the end of the text is read first (a tolerant
    /// parser closes what was left open); other outcomes keep the partial object exactly as it was streamed.
    /// </summary>
    public void Finish(ICollection<StreamEvent> output, StreamOutcome outcome = StreamOutcome.Completed)
    {
        ArgumentNullException.ThrowIfNull(output);
        ThrowIfFinished();
        if (outcome == StreamOutcome.Completed)
        {
            try
            {
                if (_decoder is not null)
                {
                    // A multi-byte sequence cut off by the end of the input.
                    Read(_decoder.Decode([], isFinal: true));
                }

                while (_parser.ReadEnd(out var token))
                {
                    _emitter.Accept(token, _parser.Offset);
                }
            }
            catch (JsonParseException e)
            {
                Fail(ParseError(e), output);
                return;
            }
        }

        _emitter.Flush(output);
        output.Add(CreateFinal(outcome, []));
        IsFinished = true;
    }

    /// <summary>Ends the stream after a fault: what was produced is flushed, then the error and a <c>failed</c> final.</summary>
    public void Fail(ErrorEvent error, ICollection<StreamEvent> output)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(output);
        ThrowIfFinished();
        _emitter.Flush(output);
        output.Add(error);
        output.Add(CreateFinal(StreamOutcome.Failed, []));
        IsFinished = true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _parser.Dispose();
        _decoder?.Dispose();
    }

    private static ErrorEvent ParseError(JsonParseException e) =>
        new("parse_error", e.Message, Retryable: false) { Offset = e.Offset };

    /// <summary>Hands every token of <paramref name="chunk"/> to the emitter; flushing is the caller's.</summary>
    private void Read(ReadOnlySpan<char> chunk)
    {
        var position = 0;
        while (_parser.Read(chunk, ref position, out var token))
        {
            _emitter.Accept(token, _parser.Offset);
        }
    }

    private FinalEvent CreateFinal(StreamOutcome outcome, IReadOnlyList<ValidationError> errors) =>
        new(outcome, Document, [.. _repairs.Repairs], errors, CanonicalJson.Checksum(Document));

    private void ThrowIfFinished()
    {
        if (IsFinished)
        {
            throw new InvalidOperationException("The stream has already finished.");
        }
    }
}
