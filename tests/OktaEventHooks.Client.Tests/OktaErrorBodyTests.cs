using System.Net;
using OktaEventHooks.Client.Errors;

namespace OktaEventHooks.Client.Tests;

public sealed class OktaErrorBodyTests
{
    private const string Request = "POST api/v1/eventHooks";

    private static OktaApiError Read(int status, string? contentType, string? content) =>
        OktaErrorBody.Read(status, contentType, content, Request, "req-42", 2);

    public static TheoryData<int, string?, string?, OktaFailureKind, string?, string?> Bodies => new()
    {
        // Okta's own error body.
        {
            400, "application/json",
            """{ "errorCode": "E0000001", "errorSummary": "Api validation failed: eventHook", "errorLink": "E0000001", "errorId": "oae-3Fx_9kQ-Z", "errorCauses": [] }""",
            OktaFailureKind.OktaError, "E0000001", "Api validation failed: eventHook"
        },
        { 404, "application/json", """{ "errorCode": "E0000007", "errorSummary": "Not found: Resource not found: x (EventHook)" }""", OktaFailureKind.OktaError, "E0000007", "Not found: Resource not found: x (EventHook)" },
        { 429, "application/json", """{ "errorCode": "E0000047" }""", OktaFailureKind.OktaError, "E0000047", null },
        { 403, "application/json; charset=utf-8", """{ "errorCode": "E0000006", "errorSummary": 42 }""", OktaFailureKind.OktaError, "E0000006", null },
        { 400, null, """{ "errorCode": "E0000001", "error": "ignored", "error_description": "ignored" }""", OktaFailureKind.OktaError, "E0000001", null },

        // An OAuth error body.
        { 401, "application/json", """{ "error": "invalid_token", "error_description": "The access token is invalid." }""", OktaFailureKind.OktaError, "invalid_token", "The access token is invalid." },
        { 400, "application/json", """{ "error": "invalid_dpop_proof" }""", OktaFailureKind.OktaError, "invalid_dpop_proof", "invalid_dpop_proof" },
        { 400, "application/json", """{ "error": "invalid_request", "error_description": { "text": "x" } }""", OktaFailureKind.OktaError, "invalid_request", "invalid_request" },
        { 400, "application/json", """{ "errorCode": 1, "error": "invalid_request" }""", OktaFailureKind.OktaError, "invalid_request", "invalid_request" },

        // Neither.
        { 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>", OktaFailureKind.UnexpectedResponse, null, "text/html body of 50 characters" },
        { 500, null, "Internal error", OktaFailureKind.UnexpectedResponse, null, "untyped body of 14 characters" },
        { 500, "", "Internal error", OktaFailureKind.UnexpectedResponse, null, "untyped body of 14 characters" },
        { 503, "application/json", "", OktaFailureKind.UnexpectedResponse, null, "empty body" },
        { 503, "application/json", null, OktaFailureKind.UnexpectedResponse, null, "empty body" },
        { 503, "text/plain", "   ", OktaFailureKind.UnexpectedResponse, null, "text/plain body of 3 characters" },
        { 500, "application/json", "[ { \"errorCode\": \"E0000009\" } ]", OktaFailureKind.UnexpectedResponse, null, "application/json body of 31 characters" },
        { 500, "application/json", "\"E0000009\"", OktaFailureKind.UnexpectedResponse, null, "application/json body of 10 characters" },
        { 500, "application/json", "null", OktaFailureKind.UnexpectedResponse, null, "application/json body of 4 characters" },
        { 500, "application/json", "{ \"errorCode\": ", OktaFailureKind.UnexpectedResponse, null, "application/json body of 15 characters" },
        { 500, "application/json", "{ \"errorCode\": \"E1\" } trailing", OktaFailureKind.UnexpectedResponse, null, "application/json body of 30 characters" },
        { 500, "application/json", "{ \"errorCode\": 9, \"errorSummary\": \"s\" }", OktaFailureKind.UnexpectedResponse, null, "application/json body of 39 characters" },
        { 500, "application/json", "{ \"errorCode\": null }", OktaFailureKind.UnexpectedResponse, null, "application/json body of 21 characters" },
        { 500, "application/json", "{ \"error\": { \"code\": \"BadGateway\" } }", OktaFailureKind.UnexpectedResponse, null, "application/json body of 37 characters" },
        { 500, "application/json", "{ \"error\": [\"a\"] }", OktaFailureKind.UnexpectedResponse, null, "application/json body of 18 characters" },
        { 500, "application/json", "{ \"message\": \"Internal Server Error\" }", OktaFailureKind.UnexpectedResponse, null, "application/json body of 38 characters" },
        { 500, "application/json", new string('[', 100) + new string(']', 100), OktaFailureKind.UnexpectedResponse, null, "application/json body of 200 characters" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Maps_an_answer_s_body_to_a_kind_code_and_summary(
        int status, string? contentType, string? content, OktaFailureKind kind, string? code, string? summary)
    {
        var error = Read(status, contentType, content);

        Assert.Equal(kind, error.Kind);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(summary, error.ErrorSummary);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal("req-42", error.RequestId);
        Assert.Equal(Request, error.Request);
        Assert.Equal(2, error.Attempts);
        Assert.True(error.MayHaveReachedOkta);
    }

    [Fact]
    public void Reads_every_field_of_Okta_s_error_body()
    {
        var error = Read(400, "application/json", """
            {
              "errorCode": "E0000001",
              "errorSummary": "Api validation failed: eventHook",
              "errorLink": "E0000001",
              "errorId": "oae-3Fx_9kQ-Zw_Ab",
              "errorCauses": [
                { "errorSummary": "channel.config.uri: The URI must use HTTPS." },
                { "errorSummary": "" },
                { "errorSummary": 7 },
                { "reason": "no summary" },
                "not an object",
                { "errorSummary": "events.items: 'x' is not an eligible event type." }
              ]
            }
            """);

        Assert.Equal("oae-3Fx_9kQ-Zw_Ab", error.ErrorId);
        Assert.Equal("E0000001", error.ErrorLink);
        Assert.Equal(
            ["channel.config.uri: The URI must use HTTPS.", "events.items: 'x' is not an eligible event type."],
            error.ErrorCauses);
    }

    [Theory]
    [InlineData("""{ "errorCode": "E0000001", "errorCauses": { "errorSummary": "x" } }""")]
    [InlineData("""{ "errorCode": "E0000001", "errorCauses": "x" }""")]
    [InlineData("""{ "errorCode": "E0000001", "errorCauses": null }""")]
    [InlineData("""{ "errorCode": "E0000001", "errorId": 5, "errorLink": {}, "errorSummary": [] }""")]
    public void Takes_nothing_from_fields_of_the_wrong_type(string content)
    {
        var error = Read(400, "application/json", content);
        Assert.Equal(OktaFailureKind.OktaError, error.Kind);
        Assert.Empty(error.ErrorCauses);
        Assert.Null(error.ErrorId);
        Assert.Null(error.ErrorLink);
        Assert.Null(error.ErrorSummary);
    }

    [Fact]
    public void Keeps_the_request_id_unknown_when_there_is_none()
    {
        var error = OktaErrorBody.Read(500, null, null, Request, null, 1);
        Assert.Null(error.RequestId);
        Assert.Equal(1, error.Attempts);
    }

    public static TheoryData<OktaApiError, string> Messages => new()
    {
        {
            new OktaApiError
            {
                Kind = OktaFailureKind.OktaError, StatusCode = HttpStatusCode.BadRequest, ErrorCode = "E0000001",
                ErrorSummary = "Api validation failed: eventHook", ErrorCauses = ["channel.config.uri: The URI must use HTTPS.", "name: too long"],
                Request = Request, RequestId = "req-42", Attempts = 1,
            },
            "Api validation failed: eventHook channel.config.uri: The URI must use HTTPS. name: too long. (E0000001, HTTP 400, POST api/v1/eventHooks, X-Okta-Request-Id req-42)"
        },
        {
            new OktaApiError { Kind = OktaFailureKind.OktaError, StatusCode = HttpStatusCode.NotFound, ErrorCode = "E0000007", Request = Request, Attempts = 3 },
            "Okta returned an error. (E0000007, HTTP 404, 3 attempts, POST api/v1/eventHooks)"
        },
        {
            new OktaApiError { Kind = OktaFailureKind.UnexpectedResponse, StatusCode = HttpStatusCode.BadGateway, ErrorSummary = "text/html body of 50 characters", Request = Request, RequestId = "req-42" },
            "Okta answered HTTP 502 with a body that is not the JSON Okta sends (text/html body of 50 characters). A proxy or gateway may be in the way. (HTTP 502, POST api/v1/eventHooks, X-Okta-Request-Id req-42)"
        },
        {
            new OktaApiError { Kind = OktaFailureKind.UnexpectedResponse },
            "Okta answered HTTP ? with a body that is not the JSON Okta sends (empty body). A proxy or gateway may be in the way."
        },
        {
            new OktaApiError { Kind = OktaFailureKind.Timeout, ErrorSummary = "Okta did not answer within 30 seconds", Request = Request },
            "Okta did not answer within 30 seconds (POST api/v1/eventHooks)"
        },
        {
            new OktaApiError { Kind = OktaFailureKind.Timeout },
            "The request timed out."
        },
        {
            new OktaApiError { Kind = OktaFailureKind.Network, ErrorSummary = "Connection refused (contoso.okta.com:443)", Request = Request, Attempts = 3 },
            "Could not reach Okta: Connection refused (contoso.okta.com:443). (3 attempts, POST api/v1/eventHooks)"
        },
        {
            new OktaApiError { Kind = OktaFailureKind.RateLimitExhausted, StatusCode = (HttpStatusCode)429, ErrorCode = "E0000047", Request = Request, Attempts = 3 },
            "API call exceeded rate limit due to too many requests. (E0000047, HTTP 429, 3 attempts, POST api/v1/eventHooks)"
        },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Builds_the_message_from_the_error_and_its_facts_in_parentheses(OktaApiError error, string message)
    {
        var exception = new OktaApiException(error);
        Assert.Equal(message, exception.Message);
        Assert.Same(error, exception.Error);
    }

    [Fact]
    public void Keeps_the_inner_exception()
    {
        var inner = new IOException("reset");
        Assert.Same(inner, new OktaApiException(new OktaApiError(), inner).InnerException);
    }

    [Fact]
    public void Reads_a_real_answer_into_the_message_people_see()
    {
        var error = Read(400, "application/json", """
            { "errorCode": "E0000001", "errorSummary": "Api validation failed: eventHook",
              "errorCauses": [ { "errorSummary": "channel.config.uri: The URI must use HTTPS." } ] }
            """);
        Assert.Equal(
            "Api validation failed: eventHook channel.config.uri: The URI must use HTTPS. (E0000001, HTTP 400, 2 attempts, POST api/v1/eventHooks, X-Okta-Request-Id req-42)",
            new OktaApiException(error).Message);
    }

    [Theory]
    [InlineData(OktaFailureKind.InvalidCredentials, "The DPoP header cannot be sent: the credential contains a line break (it is not shown). Nothing was sent")]
    [InlineData(OktaFailureKind.OutcomeUnknown, "The create of event hook 'x' may or may not have reached Okta, and checking the org for it failed")]
    public void Puts_the_summary_of_every_kind_of_failure_into_the_message(OktaFailureKind kind, string summary)
    {
        var exception = new OktaApiException(new OktaApiError { Kind = kind, ErrorSummary = summary, Request = Request });
        Assert.Equal(summary + " (POST api/v1/eventHooks)", exception.Message);
    }
}
