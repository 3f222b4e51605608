#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Refreshes the module's event type catalog (src/OktaEventHooks/Catalog/event-types.txt) from Okta's published file.
.DESCRIPTION
    Okta publishes no API for the event types a hook may subscribe to; its developer documentation carries the catalog
    (okta/okta-developer-docs, packages/@okta/vuepress-site/data/event-types.json, Apache-2.0), about monthly. This
    script keeps the types tagged event-hook-eligible, with Okta's description and its beta and oie-only (Identity
    Engine orgs only) marks, and writes them sorted by name, one a line: name<TAB>flags<TAB>description. The header
    names the source and the catalog release: the one place the module, its completers and the sandbox read them from.
    -Source is a URL or a local file: Okta's file ({release, versions: [{eventTypes: [...]}]}) or a cut of it with
    the same entries ({source, release, eventTypes: [...]}, such as ../shared/okta/event-types-catalog.json).
.EXAMPLE
    ./tools/Update-EventTypeCatalog.ps1
    Downloads Okta's current catalog and rewrites the module's copy; review the diff, then build and test.
.EXAMPLE
    ./tools/Update-EventTypeCatalog.ps1 -Source ../shared/okta/event-types-catalog.json
    Rewrites the module's copy from a file on disk (no network).
#>
[CmdletBinding()]
param(
    [string] $Source = 'https://raw.githubusercontent.com/okta/okta-developer-docs/master/packages/@okta/vuepress-site/data/event-types.json',
    [string] $OutputPath = (Join-Path $PSScriptRoot '../src/OktaEventHooks/Catalog/event-types.txt')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$text = if ($Source -match '^https?://') { (Invoke-WebRequest -Uri $Source -UseBasicParsing).Content } else { Get-Content -LiteralPath $Source -Raw }
$document = $text | ConvertFrom-Json -AsHashtable
$entries = if ($document.ContainsKey('versions')) { @($document.versions | ForEach-Object { $_.eventTypes }) } else { @($document.eventTypes) }
$release = $document.release
if (-not $release) { throw "'$Source' names no release: is it Okta's event-types.json?" }
$origin = if ($document.ContainsKey('source')) { "$($document.source) (via $Source)" } else { $Source }

function Clean([string] $Text) { ($Text -replace '\s+', ' ').Trim() }

$lines = foreach ($entry in $entries) {
    $tags = @($entry.tags)
    if ($tags -notcontains 'event-hook-eligible') { continue }
    $flags = @(if ($entry.ContainsKey('beta') -and $entry.beta) { 'beta' }) + @(if ($tags -contains 'oie-only') { 'oie-only' })
    [pscustomobject]@{ Name = (Clean $entry.id); Line = '{0}{1}{2}{1}{3}' -f (Clean $entry.id), "`t", ($flags -join ','), (Clean $entry.description) }
}
$lines = @($lines | Sort-Object { $_.Name } -Culture ([cultureinfo]::InvariantCulture) -CaseSensitive -Unique)
if ($lines.Count -eq 0) { throw "'$Source' has no event-hook-eligible event type." }

$header = @(
    "# Okta's event-hook-eligible event types, one a line: name<TAB>flags<TAB>Okta's description."
    '# Flags: beta (hidden from the public catalog), oie-only (Identity Engine orgs only). Written by'
    '# tools/Update-EventTypeCatalog.ps1: refresh with it, do not edit by hand. Apache-2.0, from okta/okta-developer-docs.'
    "# Source: $origin"
    "# Release: $release"
)
$utf8 = [Text.UTF8Encoding]::new($false)
[IO.File]::WriteAllText([IO.Path]::GetFullPath($OutputPath), (($header + $lines.Line) -join "`n") + "`n", $utf8)
Write-Host "Wrote $($lines.Count) event types of release $release to $OutputPath"
