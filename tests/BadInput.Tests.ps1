# Careless or hostile parameter values: each refused before anything is sent, with an error that names the parameter
# and says what is allowed, never a .NET exception and never a value sent as its type name.

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
    function Secret([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }
}
AfterAll { Stop-TestSandbox }

Describe 'Get-OktaEventHookLog parameters' {
    BeforeEach { Reset-TestSandbox; Connect-TestSandbox; Clear-SandboxRequestLog }

    It 'names -<Parameter> for a date at the end of the calendar' -TestCases @(
        @{ Parameter = 'Until'; Value = [datetime]::MaxValue }
        @{ Parameter = 'Until'; Value = [datetime]::MinValue }
        @{ Parameter = 'Since'; Value = [datetime]::MinValue }
        @{ Parameter = 'Since'; Value = [datetime]::MaxValue }
    ) {
        $params = @{ $Parameter = $Value }
        $failure = Get-TerminatingError { Get-OktaEventHookLog @params }
        $failure.FullyQualifiedErrorId | Should -Match "^InvalidParameter\.(Since|Until),"
        $failure.Exception.Message | Should -Not -Match 'ArgumentOutOfRange|System\.'
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }

    It 'names -Name for an invalid wildcard pattern' {
        { Get-OktaEventHookLog -Name '[' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }

    It 'refuses <Case> before sending' -TestCases @(
        @{ Case = '300 event types'; Types = (1..300 | ForEach-Object { "event_hook.type$_" }) }
        @{ Case = 'a 1 MB event type'; Types = @('a' * 1MB) }
        @{ Case = 'event types that make a URL too long'; Types = (1..90 | ForEach-Object { "event_hook.$('x' * 60)$_" }) }
    ) {
        $failure = Get-TerminatingError { Get-OktaEventHookLog -EventType $Types }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.EventType,*'
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }
}

Describe 'Header and filter values that are not text' {
    BeforeEach { Reset-TestSandbox; Connect-TestSandbox; Clear-SandboxRequestLog; Clear-ReceiverRequestLog }

    It 'refuses a -Header value that is <Case>, naming -Header' -TestCases @(
        @{ Case = 'a SecureString'; Value = (ConvertTo-SecureString 'k3y-value' -AsPlainText -Force) }
        @{ Case = 'a hashtable'; Value = @{ a = 1 } }
        @{ Case = 'an array'; Value = @('a', 'b') }
        @{ Case = 'a script block'; Value = { 'x' } }
        @{ Case = '$null'; Value = $null }
    ) {
        $failure = Get-TerminatingError { New-OktaEventHook -Name 'typed' -Uri (Get-ReceiverUri ok) -EventType user.lifecycle.create -Header @{ 'X-Api-Key' = $Value } -Confirm:$false }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.Header,*'
        $failure.Exception.Message | Should -Match "X-Api-Key"
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        $hook = New-TestHook -Name 'plain'
        $failure = Get-TerminatingError { Set-OktaEventHook -Id $hook.Id -Header @{ 'X-Api-Key' = $Value } -Confirm:$false }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.Header,*'
        $failure = Get-TerminatingError { Test-OktaEventHookEndpoint -Uri (Get-ReceiverUri ok) -Header @{ 'X-Api-Key' = $Value } }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.Header,*'
        Get-ReceiverRequestLog | Should -BeNullOrEmpty
    }

    It 'refuses a hashtable as a -Filter condition, naming -Filter' {
        $failure = Get-TerminatingError { New-OktaEventHook -Name 'typed' -Uri (Get-ReceiverUri ok) -EventType user.lifecycle.create -Filter @{ 'user.lifecycle.create' = @{ expression = 'true' } } -Confirm:$false }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.Filter,*'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
    }
}

Describe 'Reserved header names at the endpoint test' {
    BeforeEach { Clear-ReceiverRequestLog }

    It 'refuses -AuthHeaderName <Name>, naming the parameter' -TestCases @(@{ Name = 'Host' }, @{ Name = 'X-Okta-Verification-Challenge' }, @{ Name = 'Content-Length' }) {
        $failure = Get-TerminatingError { Test-OktaEventHookEndpoint -Uri (Get-ReceiverUri ok) -AuthHeaderName $Name -AuthHeaderValue (Secret 'abc123') }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.AuthHeaderName,*'
        $failure.Exception.Message | Should -Match 'set by Okta'
        Get-ReceiverRequestLog | Should -BeNullOrEmpty
    }

    It 'refuses -Header @{ Content-Encoding = gzip } with a named error' {
        Test-OktaEventHookEndpoint -Uri (Get-ReceiverUri ok) -Header @{ 'Content-Encoding' = 'gzip' } -ErrorAction SilentlyContinue -ErrorVariable failure | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.Header,*'
        $failure[0].Exception.Message | Should -Not -Match 'ArgumentException'
        Get-ReceiverRequestLog | Should -BeNullOrEmpty
    }
}
