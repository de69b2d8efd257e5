namespace StructuredStream.Parsing;

/// <summary>Where the parser is in the grammar between two calls; the whole resumable state is this plus a few fields.</summary>
internal enum ParserMode : byte
{
    BeforeRoot,
    Prose,
    Value,
    ValueOrEndArray,
    KeyOrEndObject,
    Key,
    Colon,
    CommaOrEnd,
    String,
    PropertyName,
    Number,
    Literal,
    CommentStart,
    LineComment,
    BlockComment,
    BlockCommentStar,
    AfterRoot,
    Done,
    Failed,
}
