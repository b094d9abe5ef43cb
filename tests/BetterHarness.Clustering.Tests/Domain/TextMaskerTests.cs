using BetterHarness.Clustering.Domain.Signatures;

namespace BetterHarness.Clustering.Tests.Domain;

public sealed class TextMaskerTests
{
    [Theory]
    [InlineData("Order ORD-48213 not found", "order <id> not found")]
    [InlineData("timeout after 3000 ms", "timeout after <num> ms")]
    [InlineData("File \"/usr/lib/python3/x.py\", line 12", "file <str>, line <num>")]
    [InlineData("cannot open /var/data/in.csv", "cannot open <path>")]
    [InlineData("KeyError: 'Street Address'", "keyerror: <str>")]
    [InlineData("at 2024-05-01T10:22:31Z retry", "at <time> retry")]
    [InlineData("request 3f2a9c1e-77aa-4b1c-9e0f-0123456789ab failed", "request <uuid> failed")]
    [InlineData("object at 0x7f3a2b", "object at <hex>")]
    [InlineData("mail bob@example.com or see https://x.io/a?b=1", "mail <email> or see <url>")]
    public void Masks_the_parts_that_differ_between_occurrences(string input, string expected) =>
        Assert.Equal(expected, TextMasker.Mask(input));

    [Fact]
    public void Same_failure_with_different_ids_gives_the_same_signature()
    {
        var a = SignatureBuilder.Build(Digests.Failure("reservation ABC123 not found (took 212 ms)"));
        var b = SignatureBuilder.Build(Digests.Failure("reservation XYZ987 not found (took 48 ms)"));
        Assert.Equal(a.Hash, b.Hash);
    }

    [Fact]
    public void Python_traceback_is_reduced_to_its_exception_line()
    {
        var traceback = "Traceback (most recent call last):\n  File \"/app/run.py\", line 3, in <module>\n    main()\nKeyError: 'price'";
        Assert.Equal("KeyError: 'price'", ErrorLines.Exception(traceback));
    }
}
