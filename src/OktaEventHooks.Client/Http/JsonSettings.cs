using Newtonsoft.Json;

namespace OktaEventHooks.Client.Http;

internal static class JsonSettings
{
    /// <summary>Dates stay strings so they are parsed once, on our terms.</summary>
    public static readonly JsonSerializerSettings Reading = new JsonSerializerSettings
    {
        DateParseHandling = DateParseHandling.None,
        MaxDepth = 64,
    };
}
