# Helpers shared by the Pester files: the sandbox org's address and its test-only endpoints.
# The suite runs against one sandbox started by build.ps1; a file run on its own starts its own.

$script:OwnSandbox = $null

function Initialize-TestSandbox {
    if (-not $env:OKTAEH_SANDBOX_URL) {
        Import-Module (Join-Path $PSScriptRoot '../tools/Sandbox.psm1')
        $dll = $env:OKTAEH_SANDBOX_DLL ?? (Join-Path $PSScriptRoot '../src/OktaEventHooks.Sandbox/bin/Release/net10.0/OktaEventHooks.Sandbox.dll')
        $script:OwnSandbox = Start-OktaSandbox -SandboxDll $dll
        $env:OKTAEH_SANDBOX_URL = $script:OwnSandbox.BaseUrl
        $env:OKTAEH_SANDBOX_TOKEN = $script:OwnSandbox.ApiToken
    }
    if (-not (Get-Module OktaEventHooks)) {
        $module = $env:OKTAEH_MODULE
        if (-not $module) {
            $version = (Import-PowerShellDataFile (Join-Path $PSScriptRoot '../OktaEventHooks.psd1')).ModuleVersion
            $module = Join-Path $PSScriptRoot "../out/OktaEventHooks/$version/OktaEventHooks.psd1"
        }
        Import-Module $module -Force -Global
    }
    Reset-TestSandbox
}

function Stop-TestSandbox {
    if ($script:OwnSandbox) {
        Stop-OktaSandbox $script:OwnSandbox
        Remove-Item Env:OKTAEH_SANDBOX_URL, Env:OKTAEH_SANDBOX_TOKEN -ErrorAction SilentlyContinue
        $script:OwnSandbox = $null
    }
}

function Get-SandboxUrl { $env:OKTAEH_SANDBOX_URL }

function Get-SandboxToken { ConvertTo-SecureString $env:OKTAEH_SANDBOX_TOKEN -AsPlainText -Force }

function Connect-TestSandbox {
    param([switch] $PassThru)
    Connect-OktaOrg -OrgUrl $env:OKTAEH_SANDBOX_URL -ApiToken (Get-SandboxToken) -PassThru:$PassThru
}

function Reset-TestSandbox { $null = Invoke-RestMethod -Method Post -Uri "$env:OKTAEH_SANDBOX_URL/sandbox/reset" }

function Clear-SandboxRequestLog { $null = Invoke-RestMethod -Method Delete -Uri "$env:OKTAEH_SANDBOX_URL/sandbox/requests" }

# Invoke-RestMethod writes a JSON array as one object; assign first so @() sees its elements.
function Get-SandboxRequestLog { $log = Invoke-RestMethod -Uri "$env:OKTAEH_SANDBOX_URL/sandbox/requests"; @($log) }

# Requests that would change the org (anything but GET).
function Get-SandboxWriteRequest { @(Get-SandboxRequestLog | Where-Object method -ne 'GET') }

function Get-SandboxStoredHook([string] $Id) { Invoke-RestMethod -Uri "$env:OKTAEH_SANDBOX_URL/sandbox/eventHooks/$Id" }

function Get-ReceiverRequestLog { $log = Invoke-RestMethod -Uri "$env:OKTAEH_SANDBOX_URL/sandbox/receiver/requests"; @($log) }

function Clear-ReceiverRequestLog { $null = Invoke-RestMethod -Method Delete -Uri "$env:OKTAEH_SANDBOX_URL/sandbox/receiver/requests" }

# A receiver uri on the sandbox: ok, wrong, nofield, status/<code>, slow/<ms>, html, failing/<code> (verifies, then fails deliveries).
function Get-ReceiverUri([string] $Behaviour = 'ok', [string] $Name = 'hook') { "$env:OKTAEH_SANDBOX_URL/receiver/$Behaviour/$([uri]::EscapeDataString($Name))" }

# What a command tells the host (ShouldProcess -WhatIf lines go to the host, not to a stream).
function Get-HostText {
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    $path = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-$([guid]::NewGuid().ToString('N')).txt"
    $null = Start-Transcript -LiteralPath $path -UseMinimalHeader
    try { & $ScriptBlock | Out-Host } finally { $null = Stop-Transcript }
    try { Get-Content -LiteralPath $path -Raw } finally { Remove-Item -LiteralPath $path -ErrorAction SilentlyContinue }
}

# Creates a hook straight through the module with sensible defaults.
function New-TestHook {
    param(
        [string] $Name = "hook-$([guid]::NewGuid().ToString('N').Substring(0, 8))",
        [string[]] $EventType = @('user.lifecycle.create'),
        [string] $Uri = (Get-ReceiverUri ok $Name),
        [string] $Secret,
        [hashtable] $Header,
        [hashtable] $Filter
    )
    $params = @{ Name = $Name; Uri = $Uri; EventType = $EventType; Confirm = $false }
    if ($Secret) { $params.AuthHeaderValue = ConvertTo-SecureString $Secret -AsPlainText -Force }
    if ($Header) { $params.Header = $Header }
    if ($Filter) { $params.Filter = $Filter }
    New-OktaEventHook @params
}

Export-ModuleMember -Function *
