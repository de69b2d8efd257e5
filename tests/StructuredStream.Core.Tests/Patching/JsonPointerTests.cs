using StructuredStream.Patching;

namespace StructuredStream.Tests.Patching;

public sealed class JsonPointerTests
{
    [Theory]
    [InlineData("", "a", "/a")]
    [InlineData("/x", "a/b", "/x/a~1b")]
    [InlineData("", "m~n", "/m~0n")]
    [InlineData("", "~1", "/~01")]
    [InlineData("", "", "/")]
    [InlineData("/", "", "//")]
    public void Member_names_are_escaped_as_RFC_6901_requires(string parent, string name, string expected)
    {
        var pointer = JsonPointer.Append(parent, name);

        Assert.Equal(expected, pointer);
        Assert.Equal(name, JsonPointer.Parse(pointer)[^1]);
    }

    [Fact]
    public void Array_elements_are_addressed_by_index()
    {
        Assert.Equal("/items/10", JsonPointer.Append("/items", 10));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("/a~2")]
    [InlineData("/a~")]
    public void Malformed_pointers_are_refused_with_the_reason(string pointer)
    {
        var e = Assert.Throws<PatchException>(() => JsonPointer.Parse(pointer));

        Assert.Contains(pointer, e.Message, StringComparison.Ordinal);
    }
}
