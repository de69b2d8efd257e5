using System.Text.RegularExpressions;
using StructuredStream.Documents;
using StructuredStream.Parsing;
using StructuredStream.Patching;
using StructuredStream.Protocol;
using StructuredStream.Schemas;
using StructuredStream.Validation;

namespace StructuredStream.Streaming;

/// <summary>
/// Turns a model's text, chunk by chunk, into the protocol's events: after each chunk, at most one <c>patch</c> and
/// one <c>complete</c>; at the end, a <c>final</c> (preceded by an <c>error</c> when the text could not be read).
/// </summary>
/// <remarks>
/// Events carry no seq: whoever stores them numbers them. After every <see cref="Append(ReadOnlySpan{char}, IStreamEventTarget)"/>, <see cref="Document"/>
/// equals the result of applying all emitted patches to <c>null</c>. Not thread safe.
/// </remarks>
public sealed class EventStreamBuilder : IDisposable
{
    private readonly RepairLog _repairs = new();
    private readonly IncrementalJsonParser _parser;
    private readonly PatchEmitter _emitter;
    private readonly bool _tolerant;
    private readonly CompiledSchema? _schema;
    private readonly PartialValidator? _validator;
    private readonly ViolationPolicy _policy;
    private readonly List<ValidationError> _violations = [];
    private readonly MemberNameTable _names = new();
    private readonly StreamEventCollection _objects = new();
    private readonly long _maxInputLength;
    private Utf8ChunkDecoder? _decoder;
    private long _inputLength;

    /// <summary>Creates a builder.</summary>
    public EventStreamBuilder(EventStreamOptions? options = null)
    {
        options ??= EventStreamOptions.Default;
        _tolerant = options.Parser.Tolerant;
        _parser = new IncrementalJsonParser(options.Parser, _repairs);
        _emitter = new PatchEmitter(options.PatchMode, _repairs);
        _schema = options.Schema;
        _policy = options.ViolationPolicy;
        _validator = _schema is null ? null : new PartialValidator(_schema);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxInputLength, 1);
        _maxInputLength = options.MaxInputLength;
    }

    /// <summary>The partial object as of the last emitted event.</summary>
    public DocumentNode Document => _emitter.Document;

    /// <summary>The repairs made so far.</summary>
    public IReadOnlyList<Repair> Repairs => _repairs.Repairs;

    /// <summary>Whether the <c>final</c> event has been emitted.</summary>
    public bool IsFinished => Outcome is not null;

    /// <summary>The outcome the <c>final</c> event gave, once it has been emitted.</summary>
    public StreamOutcome? Outcome { get; private set; }

    /// <summary>Whether the root value has been read completely.</summary>
    public bool IsRootComplete => _parser.IsRootComplete;

    /// <summary>Reads a chunk and adds the events it produces to <paramref name="output"/>.</summary>
    /// <exception cref="InvalidOperationException">The stream has already finished.</exception>
    public void Append(ReadOnlySpan<char> chunk, ICollection<StreamEvent> output) => Append(chunk, _objects.For(output));

    /// <summary>
    /// Reads a chunk and hands the events it produces to <paramref name="output"/>, patch and complete events as views
    /// (no object per event: for a target that writes them out at once).
    /// </summary>
    /// <exception cref="InvalidOperationException">The stream has already finished.</exception>
    public void Append(ReadOnlySpan<char> chunk, IStreamEventTarget output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ThrowIfFinished();
        var room = _maxInputLength - _inputLength;
        if (chunk.Length <= room)
        {
            _inputLength += chunk.Length;
            if (Read(chunk, output))
            {
                _emitter.Flush(output);
            }

            return;
        }

        // Read up to the limit (never between the halves of a surrogate pair), then end the stream.
        var cut = (int)room;
        if (cut > 0 && char.IsHighSurrogate(chunk[cut - 1]))
        {
            cut--;
        }

        _inputLength = _maxInputLength;
        if (Read(chunk[..cut], output))
        {
            _emitter.Flush(output);
        }

        if (!IsFinished)
        {
            Fail(new ErrorEvent("too_large", $"The model's answer grew past {_maxInputLength} characters; what came before is kept.", Retryable: false), output);
        }
    }

    /// <summary>
    /// Reads a chunk of UTF-8 bytes, which may end inside a multi-byte sequence. Bytes that are not UTF-8 are replaced
    /// (repair <c>invalid_utf8</c>) when tolerant, and fail the stream when strict.
    /// </summary>
    public void AppendUtf8(ReadOnlySpan<byte> chunk, ICollection<StreamEvent> output) => AppendUtf8(chunk, _objects.For(output));

    /// <summary>Reads a chunk of UTF-8 bytes as <see cref="AppendUtf8(ReadOnlySpan{byte}, ICollection{StreamEvent})"/> does, handing the events to a target.</summary>
    public void AppendUtf8(ReadOnlySpan<byte> chunk, IStreamEventTarget output)
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
    public void Finish(ICollection<StreamEvent> output, StreamOutcome outcome = StreamOutcome.Completed) => Finish(_objects.For(output), outcome);

    /// <summary>Ends the stream as <see cref="Finish(ICollection{StreamEvent}, StreamOutcome)"/> does, handing the events to a target.</summary>
    public void Finish(IStreamEventTarget output, StreamOutcome outcome = StreamOutcome.Completed)
    {
        ArgumentNullException.ThrowIfNull(output);
        ThrowIfFinished();
        IReadOnlyList<ValidationError> errors = [];
        if (outcome == StreamOutcome.Completed)
        {
            if (!ReadEnd(output) || !TryValidateWhole(output, out errors))
            {
                return;
            }

            if (errors.Count > 0)
            {
                outcome = StreamOutcome.Invalid;
            }
        }

        _emitter.Flush(output);
        output.Add(CreateFinal(outcome, errors));
    }

    /// <summary>Ends the stream after a fault: what was produced is flushed, then the error and a <c>failed</c> final.</summary>
    public void Fail(ErrorEvent error, ICollection<StreamEvent> output) => Fail(error, _objects.For(output));

    /// <summary>Ends the stream after a fault as <see cref="Fail(ErrorEvent, ICollection{StreamEvent})"/> does, handing the events to a target.</summary>
    public void Fail(ErrorEvent error, IStreamEventTarget output)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(output);
        ThrowIfFinished();
        _emitter.Flush(output);
        output.Add(error);
        output.Add(CreateFinal(StreamOutcome.Failed, []));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _parser.Dispose();
        _decoder?.Dispose();
        _validator?.Dispose();
    }

    private static ErrorEvent ParseError(JsonParseException e) =>
        new("parse_error", e.Message, Retryable: false) { Offset = e.Offset };

    /// <summary>Hands every token of <paramref name="chunk"/> on; flushing is the caller's.</summary>
    /// <returns><see langword="false"/> when the stream ended on a fault or a violation.</returns>
    private bool Read(ReadOnlySpan<char> chunk, IStreamEventTarget output)
    {
        try
        {
            var tokens = new Tokens(this, output);
            return _parser.ReadChunk(chunk, ref tokens);
        }
        catch (JsonParseException e)
        {
            Fail(ParseError(e), output);
            return false;
        }
    }

    /// <summary>Reads what the end of the text produces: a number it ends, and closings of what was left open.</summary>
    private bool ReadEnd(IStreamEventTarget output)
    {
        try
        {
            // A multi-byte sequence cut off by the end of the input.
            if (_decoder is not null && !Read(_decoder.Decode([], isFinal: true), output))
            {
                return false;
            }

            while (_parser.ReadEnd(out var token))
            {
                if (!Accept(token, output))
                {
                    return false;
                }
            }

            return !IsFinished;
        }
        catch (JsonParseException e)
        {
            Fail(ParseError(e), output);
            return false;
        }
    }

    /// <summary>Checks a token against the schema, then hands it to the emitter unless a violation ended the stream.</summary>
    private bool Accept(in JsonToken token, IStreamEventTarget output)
    {
        if (_validator is null)
        {
            if (token.Kind == JsonTokenKind.PropertyName)
            {
                _emitter.AcceptName(_names.Get(token.Text));
            }
            else
            {
                _emitter.Accept(token, _parser.Offset);
            }

            return true;
        }

        // One string for a member name, shared by the validator and the document: a second copy per member was the
        // only allocation a schema added (docs/benchmarks.md, "Partial validation's cost per chunk").
        var name = token.Kind == JsonTokenKind.PropertyName ? _names.Get(token.Text) : null;
        var hold = false;
        var known = _violations.Count;
        try
        {
            // Patterns run on strings and, through patternProperties, on member names.
            if (name is null)
            {
                hold = _validator.Accept(token, _violations);
            }
            else
            {
                _validator.AcceptName(name, _violations);
            }
        }
        catch (RegexMatchTimeoutException e)
        {
            Fail(PatternTimeout(e), output);
            return false;
        }

        if (_violations.Count > known && !Report(known, output))
        {
            return false;
        }

        if (name is null)
        {
            _emitter.Accept(token, _parser.Offset, hold);
        }
        else
        {
            _emitter.AcceptName(name);
        }

        return true;
    }

    /// <summary>Sends the violations found from <paramref name="first"/> on; with <see cref="ViolationPolicy.Abort"/>, ends the stream.</summary>
    private bool Report(int first, IStreamEventTarget output)
    {
        _emitter.Flush(output);
        for (var i = first; i < _violations.Count; i++)
        {
            var violation = _violations[i];
            output.Add(new ErrorEvent("schema_violation", $"{Describe(violation.Path)}: {violation.Message}", Retryable: true)
            {
                Path = violation.Path,
                Keyword = violation.Keyword,
            });
        }

        if (_policy != ViolationPolicy.Abort)
        {
            return true;
        }

        output.Add(CreateFinal(StreamOutcome.Invalid, [.. _violations]));
        return false;
    }

    /// <summary>The authoritative validation of the whole object; false when it could not run.</summary>
    private bool TryValidateWhole(IStreamEventTarget output, out IReadOnlyList<ValidationError> errors)
    {
        errors = [];
        if (_schema is null)
        {
            return true;
        }

        try
        {
            errors = _schema.Final.Validate(Document);
            return true;
        }
        catch (RegexMatchTimeoutException e)
        {
            Fail(PatternTimeout(e), output);
            return false;
        }
    }

    private static ErrorEvent PatternTimeout(RegexMatchTimeoutException e) =>
        new("pattern_timeout", $"The schema's pattern '{e.Pattern}' took longer than {e.MatchTimeout.TotalMilliseconds} ms to match; the stream was stopped.", Retryable: false);

    private static string Describe(string path) => path.Length == 0 ? "The value" : $"The value at {path}";

    private FinalEvent CreateFinal(StreamOutcome outcome, IReadOnlyList<ValidationError> errors)
    {
        Outcome = outcome;
        return new(outcome, Document, [.. _repairs.Repairs], errors, CanonicalJson.Checksum(Document));
    }

    /// <summary>The builder taking a chunk's tokens from the parser.</summary>
    private readonly struct Tokens(EventStreamBuilder builder, IStreamEventTarget output) : IJsonTokenConsumer
    {
        public bool Accept(in JsonToken token) => builder.Accept(token, output);
    }

    private void ThrowIfFinished()
    {
        if (IsFinished)
        {
            throw new InvalidOperationException("The stream has already finished.");
        }
    }
}
