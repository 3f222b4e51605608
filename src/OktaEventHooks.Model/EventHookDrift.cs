using System;

namespace OktaEventHooks;

/// <summary>
/// How one hook of the org differs from a desired-state file, as Import-OktaEventHook reports it: what it would do
/// (-DetectOnly, -WhatIf) or what it did.
/// </summary>
public sealed class EventHookDrift
{
    /// <summary>The hook's name, the key that matches the file to the org.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The id in the org; null for a hook that would be created.</summary>
    public string? Id { get; set; }

    /// <summary>Create, Update, Remove or None.</summary>
    public string Action { get; set; } = "None";

    /// <summary>One entry per differing field, e.g. "Uri: https://a -> https://b".</summary>
    public string[] Changes { get; set; } = Array.Empty<string>();

    /// <summary>
    /// What happened: Done, Failed, Skipped (not confirmed, or not pruned after an earlier failure) or Unchanged;
    /// null for -DetectOnly, which changes nothing.
    /// </summary>
    public string? Result { get; set; }

    public override string ToString() => Name + ": " + Action + (Result == null ? string.Empty : " " + Result);
}
