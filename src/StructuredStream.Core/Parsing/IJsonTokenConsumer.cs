namespace StructuredStream.Parsing;

/// <summary>Takes the tokens of a chunk as <see cref="IncrementalJsonParser.ReadChunk"/> reads them.</summary>
internal interface IJsonTokenConsumer
{
    /// <summary>Takes one token, valid during the call; <see langword="false"/> stops the reading.</summary>
    bool Accept(in JsonToken token);
}
