using System.Net;
using Witn.Cli.Exit;
using Witn.Client;

namespace Witn.Cli.Tests;

public sealed class ExitMappingTests
{
    private static readonly Uri Server = new("http://127.0.0.1:5080");

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, ExitCodes.Failed)]
    [InlineData(HttpStatusCode.NotFound, ExitCodes.Failed)]
    [InlineData(HttpStatusCode.Conflict, ExitCodes.Failed)]
    [InlineData(HttpStatusCode.Unauthorized, ExitCodes.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden, ExitCodes.Unauthorized)]
    [InlineData(HttpStatusCode.InternalServerError, ExitCodes.Unreachable)]
    [InlineData(HttpStatusCode.ServiceUnavailable, ExitCodes.Unreachable)]
    public void Each_problem_status_gives_its_documented_exit_code(HttpStatusCode status, int code)
    {
        var described = ExitMapping.Describe(new WitnApiException(status, "A problem", "what to do"), Server);
        Assert.Equal(code, described?.Code);
        Assert.DoesNotContain('\n', described!.Value.Message);
    }

    [Fact]
    public void Transport_failures_are_unreachable_and_name_the_server()
    {
        var refused = ExitMapping.Describe(new HttpRequestException("Connection refused (127.0.0.1:5080)"), Server)!.Value;
        Assert.Equal(ExitCodes.Unreachable, refused.Code);
        Assert.Contains("cannot reach http://127.0.0.1:5080", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Unreachable, ExitMapping.Describe(new TaskCanceledException(), Server)?.Code);
    }

    [Fact]
    public void Field_errors_of_a_problem_stay_on_its_one_line()
    {
        var problem = new WitnApiException(HttpStatusCode.BadRequest, "The request is invalid", null, [new WitnApiError("to", "the clock never moves back", "give a later instant")]);
        var described = ExitMapping.Describe(problem, Server)!.Value;
        Assert.Equal("400 The request is invalid; to: the clock never moves back (give a later instant)", described.Message);
    }

    [Fact]
    public void A_usage_failure_is_exit_2_and_an_unexpected_exception_is_left_to_crash()
    {
        Assert.Equal(ExitCodes.Usage, ExitMapping.Describe(CliFailure.Usage("x: no such file"), Server)?.Code);
        Assert.Null(ExitMapping.Describe(new InvalidOperationException("a defect"), Server));
    }
}
