# Secrets never reach the user's screen, streams, transcripts or error records: not through a gateway that echoes them,
# not when they are very short, not inside a URL's query, and never cut short without a word.

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Import-Module "$PSScriptRoot/HostileServer.psm1" -Force
    Initialize-TestSandbox
    function Secret([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }

    # Everything a person or a transcript could see of $Script: every stream, and each error record in full.
    function Get-AllText([scriptblock] $Script) {
        $transcript = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-secrets-$([guid]::NewGuid().ToString('N')).txt"
        $null = Start-Transcript -LiteralPath $transcript
        try {
            $seen = & {
                try { & $Script *>&1 | ForEach-Object { if ($_ -is [Management.Automation.ErrorRecord]) { $_ | Format-List * -Force | Out-String; $_.CategoryInfo | Out-String } else { $_ | Out-String } } }
                catch { $_ | Format-List * -Force | Out-String; $_.CategoryInfo | Out-String; "$($_.TargetObject)" }
            } | Out-String
            $seen | Out-Host
        }
        finally { $null = Stop-Transcript }
        $seen + (Get-Content -LiteralPath $transcript -Raw)
        Remove-Item -LiteralPath $transcript -ErrorAction SilentlyContinue
    }

    # A gateway in front of the org that repeats the request's Authorization header as X-Okta-Request-Id, and an org
    # that repeats a hook's auth header value in its error. GET /mode/<status> sets the status of the answers that follow.
    $script:gateway = Start-HostileServer {
        param($request)
        if ($request.Path -like '/mode/*') { $global:status = [int]($request.Path -split '/')[-1]; return @{ Body = '{}' } }
        $status = if ($global:status) { $global:status } else { 200 }
        $echo = @{ 'X-Okta-Request-Id' = $request.Headers['Authorization'] }
        if ($request.Method -eq 'POST' -and $request.Body -match '"value"\s*:\s*"(?<value>[^"]*)"') {
            $value = $Matches.value
            return @{ Status = 400; Headers = $echo; Body = "{`"errorCode`":`"E0000001`",`"errorSummary`":`"Api validation failed: value $value rejected $value.`",`"errorCauses`":[{`"errorSummary`":`"authScheme.value: $value`"}]}" }
        }
        $body = if ($status -eq 200) { '[]' } else { '{"errorCode":"E0000009","errorSummary":"Internal Server Error"}' }
        @{ Status = $status; Headers = $echo; Body = $body }
    }
    function Set-GatewayStatus([int] $Status) { $null = Invoke-RestMethod "$($gateway.Url)/mode/$Status" }
}
AfterAll {
    $gateway.Stop()
    Stop-TestSandbox
}

Describe 'The canary behind a gateway that echoes the credential' {
    BeforeEach { Set-GatewayStatus 200 }

    It 'never shows the API token in a verbose line, a retry line or an error when Okta answers <Status>' -TestCases @(
        @{ Status = 200 }, @{ Status = 400 }, @{ Status = 500 }
    ) {
        $token = '00CANARYtok3n-echoed-9f8e7d6c5b4a'
        Set-GatewayStatus $Status
        $text = Get-AllText {
            $c = Connect-OktaOrg -OrgUrl $gateway.Url -ApiToken (Secret $token) -MaxRetries 1 -PassThru -Verbose
            Get-OktaEventHook -Connection $c -Verbose -ErrorAction Continue
        }
        $text | Should -Match 'GET api/v1/eventHooks -> \d+'
        $text | Should -Not -Match 'CANARYtok3n'
        $text | Should -Not -Match 'X-Okta-Request-Id SSWS'
    }

    It 'never shows a hook secret of <Secret.Length> character(s) that the org repeats in its error' -TestCases @(
        @{ Secret = 'Zq9' }, @{ Secret = 'x7' }, @{ Secret = '#' }
    ) {
        $text = Get-AllText {
            $c = Connect-OktaOrg -OrgUrl $gateway.Url -ApiToken (Secret '00CANARYtok3n-echoed-9f8e7d6c5b4a') -PassThru
            New-OktaEventHook -Connection $c -Name 'canary' -Uri 'https://hooks.example.com/okta' -EventType user.lifecycle.create `
                -AuthHeaderValue (Secret $Secret) -Confirm:$false -Verbose -ErrorAction Continue
        }
        $text | Should -Match 'Api validation failed'
        $text | Should -Not -Match ('value ' + [regex]::Escape($Secret))
        $text | Should -Not -Match ('authScheme.value: ' + [regex]::Escape($Secret))
    }
}

Describe 'Secrets in the query of a URL' {
    It 'keeps a refused -OrgUrl''s query out of the message, the target and the category' {
        $failure = Get-TerminatingError { Connect-OktaOrg -OrgUrl 'http://okta.example.com/?x=Qu3ry-S3cret-77' -ApiToken (Secret 'whatever-token-123') }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.OrgUrl,*'
        ($failure | Format-List * -Force | Out-String) + ($failure.CategoryInfo | Out-String) + "$($failure.TargetObject)" | Should -Not -Match 'Qu3ry-S3cret'
    }

    It 'keeps an endpoint''s query out of Test-OktaEventHookEndpoint -WhatIf and out of its refusal' {
        $text = Get-HostText { Test-OktaEventHookEndpoint -Uri 'https://10.9.8.7/?token=Qu3ry-S3cret-88' -WhatIf }
        $text | Should -Match '10\.9\.8\.7'
        $text | Should -Not -Match 'Qu3ry-S3cret'
        $failure = Get-TerminatingError { Test-OktaEventHookEndpoint -Uri 'http://10.9.8.7/?token=Qu3ry-S3cret-88' }
        $failure.Exception.Message | Should -Match "http://10\.9\.8\.7/\?\.\.\.' uses http://"
        ($failure | Format-List * -Force | Out-String) | Should -Not -Match 'Qu3ry-S3cret'
    }
}

Describe 'A NUL or another control character inside a secret' {
    BeforeEach { Reset-TestSandbox; Connect-TestSandbox; Clear-SandboxRequestLog; Clear-ReceiverRequestLog }

    It 'refuses it in <Command> -<Parameter>, naming the parameter, and sends nothing' -TestCases @(
        @{ Command = 'New-OktaEventHook'; Parameter = 'AuthHeaderValue' }
        @{ Command = 'Connect-OktaOrg'; Parameter = 'ApiToken' }
        @{ Command = 'Test-OktaEventHookEndpoint'; Parameter = 'AuthHeaderValue' }
    ) {
        $secret = Secret "Bearer first-part-12345`0second-part-6789"
        $params = switch ($Command) {
            'New-OktaEventHook' { @{ Name = 'nul'; Uri = (Get-ReceiverUri ok); EventType = 'user.lifecycle.create'; AuthHeaderValue = $secret; Confirm = $false } }
            'Connect-OktaOrg' { @{ OrgUrl = (Get-SandboxUrl); ApiToken = $secret } }
            'Test-OktaEventHookEndpoint' { @{ Uri = (Get-ReceiverUri ok); AuthHeaderValue = $secret } }
        }
        $failure = Get-TerminatingError { & $Command @params }
        $failure.FullyQualifiedErrorId | Should -BeLike "InvalidParameter.$Parameter,*"
        $failure.Exception.Message | Should -Match 'control character'
        ($failure | Format-List * -Force | Out-String) | Should -Not -Match 'first-part|second-part'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        Get-ReceiverRequestLog | Should -BeNullOrEmpty
    }

    It 'refuses it in Set-OktaEventHook and Import-OktaEventHook, changing nothing' {
        $hook = New-TestHook -Name 'has secret' -Secret 'Bearer old-secret-123'
        Clear-SandboxRequestLog
        $failure = Get-TerminatingError { Set-OktaEventHook -Id $hook.Id -Name 'renamed' -AuthHeaderValue (Secret "new`0cut") -Confirm:$false }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.AuthHeaderValue,*'
        $file = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-nul-$([guid]::NewGuid().ToString('N')).json"
        try {
            Export-OktaEventHook -Path $file
            $document = Get-Content -LiteralPath $file -Raw | ConvertFrom-Json
            $document.eventHooks[0].name = 'renamed'
            $document | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $file
            $failure = Get-TerminatingError { Import-OktaEventHook -Path $file -AuthHeaderValue @{ 'renamed' = (Secret "new`0cut") } -Confirm:$false }
            $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.AuthHeaderValue,*'
            $failure.Exception.Message | Should -Match 'control character'
        }
        finally { Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue }
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        (Get-SandboxStoredHook $hook.Id).name | Should -Be 'has secret'
    }
}
