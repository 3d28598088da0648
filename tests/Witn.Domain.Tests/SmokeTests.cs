namespace Witn.Domain.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void arithmetic_works() => Assert.Equal(2, 1 + 1);
}
