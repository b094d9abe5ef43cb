using BetterHarness.ServiceDefaults.Hosting;

namespace BetterHarness.ServiceDefaults.Tests.Hosting;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:8080", "http://127.0.0.1:8080/")]
    [InlineData("*:8080", "http://127.0.0.1:8080/")]
    [InlineData("0.0.0.0:9000", "http://127.0.0.1:9000/")]
    [InlineData("[::]:9000", "http://[::1]:9000/")]
    [InlineData("10.1.2.3:80", "http://10.1.2.3:80/")]
    public void A_listener_is_called_on_its_own_address_and_a_wildcard_bind_on_loopback(string listen, string url)
    {
        var address = ListenAddress.Parse(listen, "test");
        Assert.Equal(new Uri(url), address.ReachableUrl);
        Assert.Equal(url, $"http://{address.ReachableHostPort}/");
    }
}
