using System.Net;
using OktaEventHooks.Client.Errors;

namespace OktaEventHooks.Client.Tests;

public sealed class SecretScrubberTests
{
    private const string Jwt = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiIwb2ExIiwiYXVkIjoiaHR0cHMifQ.c2lnbmF0dXJlLWJ5dGVz_-";
    private const string ApiToken = "00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-_";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Leaves_no_text_as_it_is(string? text) => Assert.Equal(text, SecretScrubber.Scrub(text, ["secret"]));

    [Fact]
    public void Masks_every_occurrence_of_a_known_secret()
    {
        Assert.Equal(
            "first *** then *** again",
            SecretScrubber.Scrub("first hunter2-value then hunter2-value again", ["hunter2-value"]));
    }

    [Fact]
    public void Masks_a_known_secret_whole_and_its_value_after_a_scheme_word_alone()
    {
        Assert.Equal(
            "header was '***', the value alone ***",
            SecretScrubber.Scrub("header was 'Custom x7-value-Q', the value alone x7-value-Q", ["Custom x7-value-Q"]));
    }

    [Fact]
    public void Masks_the_longest_secret_first_so_a_part_never_leaves_the_rest_showing()
    {
        Assert.Equal(
            "*** and ***",
            SecretScrubber.Scrub("abcd-efgh-ijkl and abcd", ["abcd", "abcd-efgh-ijkl"]));
    }

    [Theory]
    [InlineData("   ")]
    [InlineData(" ab ")]
    public void Leaves_text_alone_for_blank_secrets_and_secrets_it_does_not_hold(string secret) =>
        Assert.Equal("abc and ab", SecretScrubber.Scrub("abc and ab", [secret, null, ""]));

    [Theory]
    [InlineData("Zq9", "value *** rejected ***.")]
    [InlineData("x7", "value *** rejected ***.")]
    [InlineData("#", "value *** rejected ***.")]
    public void Masks_a_secret_however_short(string secret, string expected) =>
        Assert.Equal(expected, SecretScrubber.Scrub($"value {secret} rejected {secret}.", [secret]));

    [Fact]
    public void Shows_control_characters_of_server_text_escaped_but_the_tab()
    {
        var error = new OktaApiError { ErrorSummary = "\u001b[2J\rPS C:\\> ok\tdone", ErrorCauses = { "\u0007bell" } }.Scrubbed();
        Assert.Equal("U+001B[2JU+000DPS C:\\> ok\tdone", error.ErrorSummary);
        Assert.Equal("U+0007bell", error.ErrorCauses[0]);
    }

    [Theory]
    [InlineData("OEuXqAEZaGkBagxe8fmoJ2NoA8e", "OEuXqAEZaGkBagxe8fmoJ2NoA8e")]
    [InlineData("SSWS 00abcdefghijklmnopqrstu", null)]
    [InlineData("00abcdefghijklmnopqrstu", null)]
    [InlineData(null, null)]
    public void Shows_a_request_id_only_when_it_is_shaped_like_one_and_holds_no_secret(string? id, string? expected) =>
        Assert.Equal(expected, SecretScrubber.RequestId(id, "SSWS 00abcdefghijklmnopqrstu"));

    [Fact]
    public void Hides_a_request_id_that_holds_a_short_secret_or_a_token_without_its_scheme()
    {
        Assert.Null(SecretScrubber.RequestId("req-Zq9-1", "Zq9"));
        Assert.Null(SecretScrubber.RequestId("x00abcdefghijklmnopqrstux", "SSWS 00abcdefghijklmnopqrstu"));
        Assert.Equal("req-1", SecretScrubber.RequestId("req-1", "Zq9", null, string.Empty));
    }

    [Fact]
    public void Masks_nothing_with_no_secrets_given()
    {
        Assert.Equal("plain text", SecretScrubber.Scrub("plain text", null));
        Assert.Equal("plain text", SecretScrubber.Scrub("plain text", []));
    }

    [Theory]
    [InlineData("Authorization: SSWS " + ApiToken, "Authorization: SSWS ***")]
    [InlineData("Authorization: Bearer " + Jwt, "Authorization: Bearer ***")]
    [InlineData("sent 'Bearer abcdefgh12345678', refused", "sent 'Bearer ***', refused")]
    [InlineData("DPoP abcdefgh12345678;", "DPoP ***;")]
    [InlineData("Basic dXNlcjpwYXNzd29yZA==", "Basic ***")]
    [InlineData("bearer   abcdefgh12345678", "bearer   ***")]
    [InlineData("ssws " + ApiToken + " and SSWS " + ApiToken, "ssws *** and SSWS ***")]
    [InlineData("token " + Jwt + " expired", "token *** expired")]
    [InlineData("header.payload " + "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "header.payload ***")]
    [InlineData("{\"proof\":\"" + Jwt + "\"}", "{\"proof\":\"***\"}")]
    public void Masks_what_is_shaped_like_a_credential(string text, string expected) =>
        Assert.Equal(expected, SecretScrubber.Scrub(text, null));

    [Theory]
    [InlineData("Api validation failed: eventHook")]
    [InlineData("Not found: Resource not found: who4k2Zq7RmT9xPcN1d7 (EventHook)")]
    [InlineData("The access token is invalid.")]
    [InlineData("Invalid token provided")]
    [InlineData("Bearer token required")]
    [InlineData("The DPoP proof JWT is missing.")]
    [InlineData("'Bearer' is not a supported scheme; use SSWS or DPoP")]
    [InlineData("Authorization server requires nonce in DPoP proof.")]
    [InlineData("error=\"invalid_token\", error_description=\"The access token is invalid\"")]
    [InlineData("oae-3Fx_9kQ-Zw_Ab")]
    [InlineData("oaeAbCdEfGhIjKlMnOp_QrS-tUv")]
    [InlineData("https://contoso.okta.com/api/v1/eventHooks/who4k2Zq7RmT9xPcN1d7/lifecycle/verify")]
    [InlineData("X-Okta-Request-Id aBcDeF-1234_xyz")]
    [InlineData("E0000001: channel.config.uri: The URI must use HTTPS. (eyJ is the start of a JWT)")]
    [InlineData("Connection refused (contoso.okta.com:443)")]
    [InlineData("Über-long naïve text with ünïcödé, tabs\tand\nnew lines")]
    public void Leaves_ordinary_text_as_it_is(string text) =>
        Assert.Equal(text, SecretScrubber.Scrub(text, ["not-in-the-text"]));

    [Fact]
    public void Masks_the_secrets_it_is_given_in_every_text_of_an_error()
    {
        const string Secret = "CANARY-hook-secret-42";
        var error = new OktaApiError
        {
            Kind = OktaFailureKind.OktaError,
            StatusCode = HttpStatusCode.BadRequest,
            ErrorCode = "E0000001 " + Secret,
            ErrorSummary = "echo: " + Secret,
            ErrorId = "oae-" + Secret,
            ErrorLink = "https://x.example/" + Secret,
            ErrorCauses = ["cause " + Secret, "cause with SSWS " + ApiToken, "plain cause"],
            RequestId = "req " + Secret,
            Request = "POST api/v1/eventHooks",
        };

        var scrubbed = error.Scrubbed(Secret, null);

        Assert.Same(error, scrubbed);
        Assert.Equal("E0000001 ***", error.ErrorCode);
        Assert.Equal("echo: ***", error.ErrorSummary);
        Assert.Equal("oae-***", error.ErrorId);
        Assert.Equal("https://x.example/***", error.ErrorLink);
        Assert.Equal(["cause ***", "cause with SSWS ***", "plain cause"], error.ErrorCauses);
        Assert.Equal("req ***", error.RequestId);
        Assert.Equal("POST api/v1/eventHooks", error.Request);
        Assert.DoesNotContain("CANARY", new OktaApiException(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Masks_the_token_and_its_scheme_form_given_as_the_authorization_header()
    {
        var error = new OktaApiError { ErrorSummary = $"proxy echoed SSWS {ApiToken} and {ApiToken}" };
        error.Scrubbed("SSWS " + ApiToken);
        Assert.Equal("proxy echoed *** and ***", error.ErrorSummary);
    }

    [Fact]
    public void Keeps_an_error_without_texts_as_it_is()
    {
        var error = new OktaApiError().Scrubbed();
        Assert.Null(error.ErrorCode);
        Assert.Null(error.ErrorSummary);
        Assert.Empty(error.ErrorCauses);
    }
}
