# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_sleak_global_optspecs
    string join \n C/workspace= profile= region= output= y/yes q/quiet v/verbose color= lock-timeout= h/help V/version
end

function __fish_sleak_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_sleak_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_sleak_using_subcommand
    set -l cmd (__fish_sleak_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c sleak -n "__fish_sleak_needs_command" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_needs_command" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_needs_command" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_needs_command" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_needs_command" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_needs_command" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_needs_command" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_needs_command" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_needs_command" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_needs_command" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "init" -d 'Create a sleak.toml in the current folder'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "validate" -d 'Check sleak.toml and report every problem in it'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "plan" -d 'Show what applying the workspace would change in AWS (`--offline`: every resource the workspace describes, in the order sleak creates them, without asking AWS)'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "onboard" -d 'Build the organization, its accounts, their networks, the VPN and the DNS zone'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "apply" -d 'Make AWS match the workspace: create what is missing, fix what differs'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "status" -d 'Show every resource sleak manages, per account: ok, missing, changed or drifted'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "destroy" -d 'Delete what sleak built, in reverse order, and sweep its orphaned resources'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "vpn" -d 'Show the VPN server: console address, state, and how to get its setup key'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "doctor" -d 'Check credentials, the organization, every resource, the VPN and the domain\'s delegation'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "unlock" -d 'Show the workspace\'s lease (the run changing AWS now), or remove one left behind'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "cluster" -d 'Create, list, inspect and delete Kubernetes clusters (EKS or a kubeconfig context)'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "kubeconfig" -d 'Add a cluster\'s context to your kubeconfig, as `aws eks update-kubeconfig` does'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "eks-token" -d 'Print an EKS authentication token as a kubectl exec credential'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "project" -d 'Add, remove and list projects'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "env" -d 'Add, remove and list environments'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "dep" -d 'Add, remove and list dependencies (databases, buckets, caches, queues)'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "service" -d 'Add, remove and list services (web services, workers, cron jobs)'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "build" -d 'Build a project\'s image from its Dockerfile and push it to the project\'s ECR repository'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "var" -d 'Set, list and explain variables: plain ones in sleak.toml, secret ones in AWS Secrets Manager'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "release" -d 'Write the Helm chart of a project\'s services in an environment'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "deploy" -d 'Deploy a project\'s services to an environment, as a new Helm-compatible revision'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "rollback" -d 'Put a previous revision of a project\'s deploy back, as a new revision'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "releases" -d 'List the revisions of a project\'s deploys to an environment'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "logs" -d 'Show the logs of a service\'s pods, each line prefixed by its pod'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "sandbox" -d 'Run local stand-ins: an AWS emulator and a Kubernetes API that kubectl and Helm accept'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "demo" -d 'Run the whole platform in the local sandbox: a workspace, onboarding, a cluster, dependencies, variables, services and a deploy'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "whoami" -d 'Show the AWS identity and account sleak would act as'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "schema" -d 'Print the JSON Schema of sleak.toml, for editors'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c sleak -n "__fish_sleak_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sleak -n "__fish_sleak_using_subcommand init" -l name -d 'Workspace name: lowercase letters, digits and `-` (tags and prefixes every resource)' -r
complete -c sleak -n "__fish_sleak_using_subcommand init" -l domain -d 'Domain the environments are subdomains of, e.g. acme.dev' -r
complete -c sleak -n "__fish_sleak_using_subcommand init" -l home-region -d 'Home AWS region of every account' -r
complete -c sleak -n "__fish_sleak_using_subcommand init" -l email -d 'Base e-mail address of the accounts (plus-addressed per account)' -r
complete -c sleak -n "__fish_sleak_using_subcommand init" -l admin-cidr -d 'CIDR allowed to reach the VPN console (repeatable)' -r
complete -c sleak -n "__fish_sleak_using_subcommand init" -l dir -d 'Folder to create sleak.toml in [default: the current folder]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand init" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand init" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand init" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand init" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand init" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand init" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand init" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand init" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand init" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand init" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand validate" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand validate" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand validate" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand validate" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand validate" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand validate" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand validate" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand validate" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand validate" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand validate" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand plan" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand plan" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand plan" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand plan" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand plan" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand plan" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand plan" -l offline -d 'Plan from the workspace alone, without asking AWS what exists'
complete -c sleak -n "__fish_sleak_using_subcommand plan" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand plan" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand plan" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand plan" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand onboard" -l parallelism -d 'How many independent changes run at once (they mostly wait on AWS)' -r
complete -c sleak -n "__fish_sleak_using_subcommand onboard" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand onboard" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand onboard" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand onboard" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand onboard" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand onboard" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand onboard" -l dry-run -d 'Show the plan and stop'
complete -c sleak -n "__fish_sleak_using_subcommand onboard" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand onboard" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand onboard" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand onboard" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand onboard" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand apply" -l parallelism -d 'How many independent changes run at once (they mostly wait on AWS)' -r
complete -c sleak -n "__fish_sleak_using_subcommand apply" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand apply" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand apply" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand apply" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand apply" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand apply" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand apply" -l dry-run -d 'Show the plan and stop'
complete -c sleak -n "__fish_sleak_using_subcommand apply" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand apply" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand apply" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand apply" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand status" -s p -l project -d 'A project: show its services in the environment (with --env)' -r
complete -c sleak -n "__fish_sleak_using_subcommand status" -s e -l env -d 'An environment: show the project\'s services in it (with --project)' -r
complete -c sleak -n "__fish_sleak_using_subcommand status" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand status" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand status" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand status" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand status" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand status" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand status" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand status" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand status" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand status" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand destroy" -l confirm -d 'The workspace\'s name, to confirm without a prompt (`--yes` is not enough)' -r
complete -c sleak -n "__fish_sleak_using_subcommand destroy" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand destroy" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand destroy" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand destroy" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand destroy" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand destroy" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand destroy" -l close-accounts -d 'Also close the member accounts (AWS keeps them suspended for 90 days)'
complete -c sleak -n "__fish_sleak_using_subcommand destroy" -l dry-run -d 'Show what would be deleted and stop'
complete -c sleak -n "__fish_sleak_using_subcommand destroy" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand destroy" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand destroy" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand destroy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand destroy" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand vpn" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand vpn" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand vpn" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand vpn" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand vpn" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand vpn" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand vpn" -l setup-key -d 'Fetch Pritunl\'s initial setup key from the server through SSM and print it'
complete -c sleak -n "__fish_sleak_using_subcommand vpn" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand vpn" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand vpn" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand vpn" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand vpn" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand doctor" -l resolver -d 'DNS resolver to ask for the domain\'s name servers [default: the system\'s]' -r
complete -c sleak -n "__fish_sleak_using_subcommand doctor" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand doctor" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand doctor" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand doctor" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand doctor" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand doctor" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand doctor" -l offline -d 'Skip the public DNS lookup'
complete -c sleak -n "__fish_sleak_using_subcommand doctor" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand doctor" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand doctor" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand unlock" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand unlock" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand unlock" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand unlock" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand unlock" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand unlock" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand unlock" -l show -d 'Only show who holds the lease'
complete -c sleak -n "__fish_sleak_using_subcommand unlock" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand unlock" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand unlock" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand unlock" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand unlock" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and not __fish_seen_subcommand_from create list status delete help" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and not __fish_seen_subcommand_from create list status delete help" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and not __fish_seen_subcommand_from create list status delete help" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and not __fish_seen_subcommand_from create list status delete help" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and not __fish_seen_subcommand_from create list status delete help" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and not __fish_seen_subcommand_from create list status delete help" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and not __fish_seen_subcommand_from create list status delete help" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and not __fish_seen_subcommand_from create list status delete help" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and not __fish_seen_subcommand_from create list status delete help" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and not __fish_seen_subcommand_from create list status delete help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and not __fish_seen_subcommand_from create list status delete help" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and not __fish_seen_subcommand_from create list status delete help" -f -a "create" -d 'Create a cluster, or bring it in line with sleak.toml: roles, EKS, node pools, plugins'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and not __fish_seen_subcommand_from create list status delete help" -f -a "list" -d 'List the workspace\'s clusters with their state in AWS'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and not __fish_seen_subcommand_from create list status delete help" -f -a "status" -d 'Show every resource of one cluster: ok, missing, changed or drifted'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and not __fish_seen_subcommand_from create list status delete help" -f -a "delete" -d 'Delete a cluster\'s node pools, plugins, control plane and roles, and remove it from sleak.toml'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and not __fish_seen_subcommand_from create list status delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from create" -l account -d 'Account to create the EKS cluster in, when the cluster is not in sleak.toml yet' -r
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from create" -l context -d 'Bring your own cluster: the kubeconfig context to use instead of creating EKS' -r
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from create" -l kubernetes-version -d 'Kubernetes version of a new cluster, e.g. 1.33' -r
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from create" -l node-type -d 'Instance type of a new cluster\'s first node pool (`general`)' -r
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from create" -l parallelism -d 'How many independent changes run at once' -r
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from create" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from create" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from create" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from create" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from create" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from create" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from create" -l dry-run -d 'Show the plan and stop'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from create" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from list" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from list" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from list" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from list" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from list" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from list" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from status" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from status" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from status" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from status" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from status" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from status" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from delete" -l confirm -d 'The cluster\'s name again, to confirm without a prompt (needed with `--yes` too)' -r
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from delete" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from delete" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from delete" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from delete" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from delete" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from delete" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from delete" -l dry-run -d 'Show what would be deleted and stop'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a cluster, or bring it in line with sleak.toml: roles, EKS, node pools, plugins'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the workspace\'s clusters with their state in AWS'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show every resource of one cluster: ok, missing, changed or drifted'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a cluster\'s node pools, plugins, control plane and roles, and remove it from sleak.toml'
complete -c sleak -n "__fish_sleak_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sleak -n "__fish_sleak_using_subcommand kubeconfig" -l kubeconfig -d 'Kubeconfig file to write [default: $KUBECONFIG\'s first file, else ~/.kube/config]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand kubeconfig" -l alias -d 'Name of the context [default: the cluster\'s ARN, as `aws eks update-kubeconfig`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand kubeconfig" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand kubeconfig" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand kubeconfig" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand kubeconfig" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand kubeconfig" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand kubeconfig" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand kubeconfig" -l no-switch -d 'Do not make it the current context'
complete -c sleak -n "__fish_sleak_using_subcommand kubeconfig" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand kubeconfig" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand kubeconfig" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand kubeconfig" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand kubeconfig" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand eks-token" -l cluster-name -d 'Name of the EKS cluster (its name in AWS)' -r
complete -c sleak -n "__fish_sleak_using_subcommand eks-token" -l role-arn -d 'Role to assume before signing, e.g. the member account\'s OrganizationAccountAccessRole' -r
complete -c sleak -n "__fish_sleak_using_subcommand eks-token" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand eks-token" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand eks-token" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand eks-token" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand eks-token" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand eks-token" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand eks-token" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand eks-token" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand eks-token" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand eks-token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand eks-token" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand project; and not __fish_seen_subcommand_from add remove list help" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand project; and not __fish_seen_subcommand_from add remove list help" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand project; and not __fish_seen_subcommand_from add remove list help" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand project; and not __fish_seen_subcommand_from add remove list help" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand project; and not __fish_seen_subcommand_from add remove list help" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand project; and not __fish_seen_subcommand_from add remove list help" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand project; and not __fish_seen_subcommand_from add remove list help" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand project; and not __fish_seen_subcommand_from add remove list help" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand project; and not __fish_seen_subcommand_from add remove list help" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand project; and not __fish_seen_subcommand_from add remove list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand project; and not __fish_seen_subcommand_from add remove list help" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand project; and not __fish_seen_subcommand_from add remove list help" -f -a "add" -d 'Add a project (an ECR repository, and a namespace in each environment it joins)'
complete -c sleak -n "__fish_sleak_using_subcommand project; and not __fish_seen_subcommand_from add remove list help" -f -a "remove" -d 'Remove a project and everything declared under it'
complete -c sleak -n "__fish_sleak_using_subcommand project; and not __fish_seen_subcommand_from add remove list help" -f -a "list" -d 'List the projects'
complete -c sleak -n "__fish_sleak_using_subcommand project; and not __fish_seen_subcommand_from add remove list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from add" -l env -d 'Environment the project is deployed to (repeatable)' -r
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from add" -l repository -d 'ECR repository name [default: the project name]' -r
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from add" -l keep-images -d 'How many images the repository keeps [default: 30]' -r
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from add" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from add" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from add" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from add" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from add" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from add" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from add" -l immutable-tags -d 'Make pushed image tags immutable'
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from remove" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from remove" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from remove" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from remove" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from remove" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from remove" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from list" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from list" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from list" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from list" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from list" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from list" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a project (an ECR repository, and a namespace in each environment it joins)'
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a project and everything declared under it'
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the projects'
complete -c sleak -n "__fish_sleak_using_subcommand project; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sleak -n "__fish_sleak_using_subcommand env; and not __fish_seen_subcommand_from add remove list help" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand env; and not __fish_seen_subcommand_from add remove list help" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand env; and not __fish_seen_subcommand_from add remove list help" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand env; and not __fish_seen_subcommand_from add remove list help" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand env; and not __fish_seen_subcommand_from add remove list help" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand env; and not __fish_seen_subcommand_from add remove list help" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand env; and not __fish_seen_subcommand_from add remove list help" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand env; and not __fish_seen_subcommand_from add remove list help" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand env; and not __fish_seen_subcommand_from add remove list help" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand env; and not __fish_seen_subcommand_from add remove list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand env; and not __fish_seen_subcommand_from add remove list help" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand env; and not __fish_seen_subcommand_from add remove list help" -f -a "add" -d 'Add an environment: a subdomain of the domain, on a cluster'
complete -c sleak -n "__fish_sleak_using_subcommand env; and not __fish_seen_subcommand_from add remove list help" -f -a "remove" -d 'Remove an environment (no project may still use it)'
complete -c sleak -n "__fish_sleak_using_subcommand env; and not __fish_seen_subcommand_from add remove list help" -f -a "list" -d 'List the environments'
complete -c sleak -n "__fish_sleak_using_subcommand env; and not __fish_seen_subcommand_from add remove list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from add" -l cluster -d 'Cluster the environment lives on' -r
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from add" -l subdomain -d 'Subdomain of the domain [default: the environment name]' -r
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from add" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from add" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from add" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from add" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from add" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from add" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from remove" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from remove" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from remove" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from remove" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from remove" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from remove" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from list" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from list" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from list" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from list" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from list" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from list" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an environment: a subdomain of the domain, on a cluster'
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove an environment (no project may still use it)'
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the environments'
complete -c sleak -n "__fish_sleak_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and not __fish_seen_subcommand_from add remove list help" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand dep; and not __fish_seen_subcommand_from add remove list help" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and not __fish_seen_subcommand_from add remove list help" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and not __fish_seen_subcommand_from add remove list help" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand dep; and not __fish_seen_subcommand_from add remove list help" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand dep; and not __fish_seen_subcommand_from add remove list help" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and not __fish_seen_subcommand_from add remove list help" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and not __fish_seen_subcommand_from add remove list help" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and not __fish_seen_subcommand_from add remove list help" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and not __fish_seen_subcommand_from add remove list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and not __fish_seen_subcommand_from add remove list help" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and not __fish_seen_subcommand_from add remove list help" -f -a "add" -d 'Add a dependency to a project in an environment'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and not __fish_seen_subcommand_from add remove list help" -f -a "remove" -d 'Delete a dependency\'s resources (a database after a final snapshot) and remove it from sleak.toml'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and not __fish_seen_subcommand_from add remove list help" -f -a "list" -d 'List dependencies: state, endpoint and Secret of each'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and not __fish_seen_subcommand_from add remove list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from add" -l kind -d 'What the dependency is' -r -f -a "postgres\t''
mysql\t''
mariadb\t''
s3\t''
redis\t''
memcached\t''
sqs\t''"
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from add" -s p -l project -d 'Project [default: the only project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from add" -s e -l env -d 'Environment [default: the only environment of the project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from add" -l variable-prefix -d 'Prefix of its connection variables [default: the name in upper case]' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from add" -l engine-version -d 'Engine version (postgres, mysql, mariadb, redis, memcached)' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from add" -l instance-class -d 'Instance class (postgres, mysql, mariadb), e.g. db.t4g.micro' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from add" -l storage-gib -d 'Allocated storage in GiB (postgres, mysql, mariadb)' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from add" -l bucket -d 'Bucket name (s3)' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from add" -l set -d 'Set any other option of the dependency, as in sleak.toml (repeatable)' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from add" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from add" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from add" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from add" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from add" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from add" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from add" -l apply -d 'Then create it (and its Secret) at once, as `sleak apply` would'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from remove" -s p -l project -d 'Project [default: the only project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from remove" -s e -l env -d 'Environment [default: the only environment of the project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from remove" -l confirm -d 'The dependency\'s name again, to confirm without a prompt (needed with `--yes` too)' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from remove" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from remove" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from remove" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from remove" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from remove" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from remove" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from remove" -l skip-final-snapshot -d 'Delete a database without taking a final snapshot first'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from remove" -l dry-run -d 'Show what would be deleted and stop'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from remove" -l workspace-only -d 'Only remove it from sleak.toml, with no AWS call: what AWS and the cluster have of it stays, no longer managed by sleak'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from list" -s p -l project -d 'Only this project' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from list" -s e -l env -d 'Only this environment' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from list" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from list" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from list" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from list" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from list" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from list" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from list" -l offline -d 'Only what sleak.toml says: no state or endpoint, no AWS call'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a dependency to a project in an environment'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Delete a dependency\'s resources (a database after a final snapshot) and remove it from sleak.toml'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from help" -f -a "list" -d 'List dependencies: state, endpoint and Secret of each'
complete -c sleak -n "__fish_sleak_using_subcommand dep; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sleak -n "__fish_sleak_using_subcommand service; and not __fish_seen_subcommand_from add remove list help" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand service; and not __fish_seen_subcommand_from add remove list help" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and not __fish_seen_subcommand_from add remove list help" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and not __fish_seen_subcommand_from add remove list help" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand service; and not __fish_seen_subcommand_from add remove list help" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand service; and not __fish_seen_subcommand_from add remove list help" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and not __fish_seen_subcommand_from add remove list help" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand service; and not __fish_seen_subcommand_from add remove list help" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand service; and not __fish_seen_subcommand_from add remove list help" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand service; and not __fish_seen_subcommand_from add remove list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand service; and not __fish_seen_subcommand_from add remove list help" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand service; and not __fish_seen_subcommand_from add remove list help" -f -a "add" -d 'Add a service to a project in an environment'
complete -c sleak -n "__fish_sleak_using_subcommand service; and not __fish_seen_subcommand_from add remove list help" -f -a "remove" -d 'Remove a service'
complete -c sleak -n "__fish_sleak_using_subcommand service; and not __fish_seen_subcommand_from add remove list help" -f -a "list" -d 'List services'
complete -c sleak -n "__fish_sleak_using_subcommand service; and not __fish_seen_subcommand_from add remove list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -l kind -d 'What the service is' -r -f -a "web\t''
worker\t''
cron\t''"
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -s p -l project -d 'Project [default: the only project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -s e -l env -d 'Environment [default: the only environment of the project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -l image -d 'Container image [default: the project\'s repository at the release\'s tag]' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -l port -d 'Port the container listens on (web)' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -l expose -d 'Who can reach a web service' -r -f -a "public\t''
private\t''
internal\t''"
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -l replicas -d 'Number of pods (web, worker)' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -l schedule -d 'Cron schedule (cron), e.g. "0 3 * * *"' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -l cpu -d 'CPU request, e.g. 250m' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -l memory -d 'Memory request, e.g. 512Mi' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -l health-path -d 'HTTP path of the health check (web), e.g. /healthz' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -l var -d 'A plain variable of this service (repeatable)' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -l set -d 'Set any other option of the service, as in sleak.toml (repeatable)' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from remove" -s p -l project -d 'Project [default: the only project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from remove" -s e -l env -d 'Environment [default: the only environment of the project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from remove" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from remove" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from remove" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from remove" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from remove" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from remove" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from list" -s p -l project -d 'Only this project' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from list" -s e -l env -d 'Only this environment' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from list" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from list" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from list" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from list" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from list" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from list" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a service to a project in an environment'
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a service'
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "list" -d 'List services'
complete -c sleak -n "__fish_sleak_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sleak -n "__fish_sleak_using_subcommand build" -s p -l project -d 'The project whose image to build [default: the only one]' -r
complete -c sleak -n "__fish_sleak_using_subcommand build" -s f -l file -d 'The Dockerfile [default: Dockerfile in the build context]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand build" -l context -d 'The folder sent to the builder [default: the current folder]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand build" -l tag -d 'The image\'s tag [default: the context\'s git commit, 12 characters]' -r
complete -c sleak -n "__fish_sleak_using_subcommand build" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand build" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand build" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand build" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand build" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand build" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand build" -l allow-dirty -d 'Build a tree with uncommitted changes (the tag ends in `-dirty-<hash>`)'
complete -c sleak -n "__fish_sleak_using_subcommand build" -l no-push -d 'Build only: no login, no push'
complete -c sleak -n "__fish_sleak_using_subcommand build" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand build" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand build" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand build" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand build" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand var; and not __fish_seen_subcommand_from set unset list get import export explain help" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand var; and not __fish_seen_subcommand_from set unset list get import export explain help" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and not __fish_seen_subcommand_from set unset list get import export explain help" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and not __fish_seen_subcommand_from set unset list get import export explain help" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand var; and not __fish_seen_subcommand_from set unset list get import export explain help" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand var; and not __fish_seen_subcommand_from set unset list get import export explain help" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and not __fish_seen_subcommand_from set unset list get import export explain help" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand var; and not __fish_seen_subcommand_from set unset list get import export explain help" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand var; and not __fish_seen_subcommand_from set unset list get import export explain help" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand var; and not __fish_seen_subcommand_from set unset list get import export explain help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand var; and not __fish_seen_subcommand_from set unset list get import export explain help" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand var; and not __fish_seen_subcommand_from set unset list get import export explain help" -f -a "set" -d 'Set variables: plain values in sleak.toml, secret values (`--secret`) in AWS Secrets Manager'
complete -c sleak -n "__fish_sleak_using_subcommand var; and not __fish_seen_subcommand_from set unset list get import export explain help" -f -a "unset" -d 'Remove variables from a group (plain or secret)'
complete -c sleak -n "__fish_sleak_using_subcommand var; and not __fish_seen_subcommand_from set unset list get import export explain help" -f -a "list" -d 'List the variables of a project\'s environment, or the effective set of a service'
complete -c sleak -n "__fish_sleak_using_subcommand var; and not __fish_seen_subcommand_from set unset list get import export explain help" -f -a "get" -d 'Print the effective value of one variable (a secret one masked unless `--reveal`)'
complete -c sleak -n "__fish_sleak_using_subcommand var; and not __fish_seen_subcommand_from set unset list get import export explain help" -f -a "import" -d 'Import variables from a .env file: all or nothing'
complete -c sleak -n "__fish_sleak_using_subcommand var; and not __fish_seen_subcommand_from set unset list get import export explain help" -f -a "export" -d 'Print the effective variables as a .env file, to run the app locally'
complete -c sleak -n "__fish_sleak_using_subcommand var; and not __fish_seen_subcommand_from set unset list get import export explain help" -f -a "explain" -d 'Show every group that defines a variable, which one wins and why'
complete -c sleak -n "__fish_sleak_using_subcommand var; and not __fish_seen_subcommand_from set unset list get import export explain help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from set" -s p -l project -d 'Project [default: the only project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from set" -s e -l env -d 'Environment [default: the only environment of the project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from set" -s s -l service -d 'The service\'s own group (or, for reads, the service\'s effective set) [default: the global group]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from set" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from set" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from set" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from set" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from set" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from set" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from set" -l secret -d 'Keep the values in AWS Secrets Manager; sleak.toml gets only their names'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from unset" -s p -l project -d 'Project [default: the only project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from unset" -s e -l env -d 'Environment [default: the only environment of the project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from unset" -s s -l service -d 'The service\'s own group (or, for reads, the service\'s effective set) [default: the global group]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from unset" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from unset" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from unset" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from unset" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from unset" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from unset" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from unset" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from unset" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from unset" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from unset" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from list" -s p -l project -d 'Project [default: the only project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from list" -s e -l env -d 'Environment [default: the only environment of the project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from list" -s s -l service -d 'The service\'s own group (or, for reads, the service\'s effective set) [default: the global group]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from list" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from list" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from list" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from list" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from list" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from list" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from get" -s p -l project -d 'Project [default: the only project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from get" -s e -l env -d 'Environment [default: the only environment of the project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from get" -s s -l service -d 'The service\'s own group (or, for reads, the service\'s effective set) [default: the global group]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from get" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from get" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from get" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from get" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from get" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from get" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from get" -l reveal -d 'Print a secret value (to stdout only)'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from get" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from import" -s p -l project -d 'Project [default: the only project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from import" -s e -l env -d 'Environment [default: the only environment of the project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from import" -s s -l service -d 'The service\'s own group (or, for reads, the service\'s effective set) [default: the global group]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from import" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from import" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from import" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from import" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from import" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from import" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from import" -l secret -d 'Keep the values in AWS Secrets Manager; sleak.toml gets only their names'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from import" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from export" -s p -l project -d 'Project [default: the only project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from export" -s e -l env -d 'Environment [default: the only environment of the project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from export" -s s -l service -d 'The service\'s own group (or, for reads, the service\'s effective set) [default: the global group]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from export" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from export" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from export" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from export" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from export" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from export" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from export" -l reveal -d 'Write secret values too (from Secrets Manager)'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from export" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from explain" -s p -l project -d 'Project [default: the only project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from explain" -s e -l env -d 'Environment [default: the only environment of the project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from explain" -s s -l service -d 'The service\'s own group (or, for reads, the service\'s effective set) [default: the global group]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from explain" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from explain" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from explain" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from explain" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from explain" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from explain" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from explain" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from explain" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from explain" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from explain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from explain" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set variables: plain values in sleak.toml, secret values (`--secret`) in AWS Secrets Manager'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from help" -f -a "unset" -d 'Remove variables from a group (plain or secret)'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the variables of a project\'s environment, or the effective set of a service'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from help" -f -a "get" -d 'Print the effective value of one variable (a secret one masked unless `--reveal`)'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import variables from a .env file: all or nothing'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from help" -f -a "export" -d 'Print the effective variables as a .env file, to run the app locally'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from help" -f -a "explain" -d 'Show every group that defines a variable, which one wins and why'
complete -c sleak -n "__fish_sleak_using_subcommand var; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sleak -n "__fish_sleak_using_subcommand release" -s p -l project -d 'Project [default: the only project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand release" -s e -l env -d 'Environment [default: the only environment of the project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand release" -l image-tag -d 'Image tag to deploy: services without their own `image` run the project\'s repository at this tag' -r
complete -c sleak -n "__fish_sleak_using_subcommand release" -l out -d 'Folder to write the chart to [default: ./<project>-<env>-chart]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand release" -l repository -d 'Image repository URI [default: the project\'s ECR repository, looked up in the management account]' -r
complete -c sleak -n "__fish_sleak_using_subcommand release" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand release" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand release" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand release" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand release" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand release" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand release" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand release" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand release" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand release" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand release" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand deploy" -s p -l project -d 'Project [default: the only project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand deploy" -s e -l env -d 'Environment [default: the only environment of the project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand deploy" -l image-tag -d 'Image tag to deploy [default: the HEAD commit of the git repository of the current folder, as `sleak build` tags it]' -r
complete -c sleak -n "__fish_sleak_using_subcommand deploy" -l release -d 'Deploy a chart written by `sleak release` instead of rendering the workspace' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand deploy" -l timeout -d 'How long the services may take to be ready' -r
complete -c sleak -n "__fish_sleak_using_subcommand deploy" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand deploy" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand deploy" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand deploy" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand deploy" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand deploy" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand deploy" -l dry-run -d 'Show what would change, object by object (server-side dry run); change nothing'
complete -c sleak -n "__fish_sleak_using_subcommand deploy" -l atomic -d 'If the deploy fails, put the previous revision back'
complete -c sleak -n "__fish_sleak_using_subcommand deploy" -l no-wait -d 'Do not wait for the services to be ready'
complete -c sleak -n "__fish_sleak_using_subcommand deploy" -l force -d 'Deploy even when nothing changed (a new revision of the same release)'
complete -c sleak -n "__fish_sleak_using_subcommand deploy" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand deploy" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand deploy" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand deploy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand deploy" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand rollback" -s p -l project -d 'Project [default: the only project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand rollback" -s e -l env -d 'Environment [default: the only environment of the project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand rollback" -l timeout -d 'How long the services may take to be ready' -r
complete -c sleak -n "__fish_sleak_using_subcommand rollback" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand rollback" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand rollback" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand rollback" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand rollback" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand rollback" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand rollback" -l no-wait -d 'Do not wait for the services to be ready'
complete -c sleak -n "__fish_sleak_using_subcommand rollback" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand rollback" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand rollback" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand rollback" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand rollback" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand releases" -s p -l project -d 'Project [default: the only project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand releases" -s e -l env -d 'Environment [default: the only environment of the project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand releases" -l max -d 'Show at most this many revisions, the latest' -r
complete -c sleak -n "__fish_sleak_using_subcommand releases" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand releases" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand releases" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand releases" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand releases" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand releases" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand releases" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand releases" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand releases" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand releases" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand releases" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand logs" -s p -l project -d 'Project [default: the only project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand logs" -s e -l env -d 'Environment [default: the only environment of the project, or asked on a terminal]' -r
complete -c sleak -n "__fish_sleak_using_subcommand logs" -l since -d 'Only lines newer than this (e.g. 10m, 1h)' -r
complete -c sleak -n "__fish_sleak_using_subcommand logs" -l tail -d 'Lines from the end of each pod\'s log [default: all]' -r
complete -c sleak -n "__fish_sleak_using_subcommand logs" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand logs" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand logs" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand logs" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand logs" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand logs" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand logs" -s f -l follow -d 'Keep streaming new lines'
complete -c sleak -n "__fish_sleak_using_subcommand logs" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand logs" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand logs" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand logs" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env kube stop help" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env kube stop help" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env kube stop help" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env kube stop help" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env kube stop help" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env kube stop help" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env kube stop help" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env kube stop help" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env kube stop help" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env kube stop help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env kube stop help" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env kube stop help" -f -a "up" -d 'Start a local AWS emulator (moto) and the Kubernetes API stand-in, in the background'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env kube stop help" -f -a "down" -d 'Stop what `sleak sandbox up` started, and say what was stopped'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env kube stop help" -f -a "status" -d 'Show each part of the sandbox: its PID, URL and whether it answers'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env kube stop help" -f -a "env" -d 'Print the shell lines that point sleak, the aws CLI, kubectl and helm at the sandbox'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env kube stop help" -f -a "kube" -d 'Serve a Kubernetes API stand-in and write a kubeconfig for it'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env kube stop help" -f -a "stop" -d 'Stop the stand-in started with `sleak sandbox kube --background`'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env kube stop help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from env" -l shell -d 'The shell whose syntax to print' -r -f -a "sh\t'sh, bash, zsh: `export NAME=\'value\'`'
fish\t'fish: `set -gx NAME \'value\'`'"
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from env" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from env" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from env" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from env" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from env" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from env" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from env" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from env" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from env" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from env" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from env" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from kube" -l port -d 'Port to listen on (0: a free one)' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from kube" -l kubeconfig -d 'Where to write the kubeconfig [default: sandbox/kubeconfig in the data folder]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from kube" -l context -d 'Name of the kubeconfig context' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from kube" -l ready-delay-ms -d 'Milliseconds a new pod takes to become ready' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from kube" -l failure-pattern -d 'Workloads whose image contains this text never become ready (CrashLoopBackOff)' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from kube" -l latency-ms -d 'Milliseconds added to every request' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from kube" -l fault-rate -d 'Share of requests (0 to 1) answered with an injected 500 or 429' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from kube" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from kube" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from kube" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from kube" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from kube" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from kube" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from kube" -l background -d 'Run in the background and return once it serves; prints the kubeconfig path'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from kube" -l persist -d 'Keep the cluster\'s objects across restarts, in the data folder'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from kube" -l accept-eks-tokens -d 'Also accept EKS tokens (`sleak eks-token`, `aws eks get-token`), checked by form and age only: the stand-in cannot verify their signature'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from kube" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from kube" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from kube" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from kube" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from kube" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from stop" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from stop" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from stop" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from stop" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from stop" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from stop" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from stop" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from stop" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from stop" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "up" -d 'Start a local AWS emulator (moto) and the Kubernetes API stand-in, in the background'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "down" -d 'Stop what `sleak sandbox up` started, and say what was stopped'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show each part of the sandbox: its PID, URL and whether it answers'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "env" -d 'Print the shell lines that point sleak, the aws CLI, kubectl and helm at the sandbox'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "kube" -d 'Serve a Kubernetes API stand-in and write a kubeconfig for it'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop the stand-in started with `sleak sandbox kube --background`'
complete -c sleak -n "__fish_sleak_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sleak -n "__fish_sleak_using_subcommand demo" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand demo" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand demo" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand demo" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand demo" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand demo" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand demo" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand demo" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand demo" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand demo" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand whoami" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand whoami" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand whoami" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand whoami" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand whoami" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand whoami" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand whoami" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand whoami" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand whoami" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand whoami" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand whoami" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand schema" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand schema" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand schema" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand schema" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand schema" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand schema" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand schema" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand schema" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand schema" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand schema" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand schema" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand completions" -s C -l workspace -d 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]' -r -F
complete -c sleak -n "__fish_sleak_using_subcommand completions" -l profile -d 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand completions" -l region -d 'AWS region to call [default: AWS_REGION, the profile\'s region, or the workspace\'s `organization.region`]' -r
complete -c sleak -n "__fish_sleak_using_subcommand completions" -l output -d 'Output format of data on stdout' -r -f -a "text\t'Tables and text for people'
json\t'JSON for scripts'"
complete -c sleak -n "__fish_sleak_using_subcommand completions" -l color -d 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c sleak -n "__fish_sleak_using_subcommand completions" -l lock-timeout -d 'How long a command that changes AWS waits for another run\'s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)' -r
complete -c sleak -n "__fish_sleak_using_subcommand completions" -s y -l yes -d 'Answer yes to every confirmation'
complete -c sleak -n "__fish_sleak_using_subcommand completions" -s q -l quiet -d 'Print only data and errors'
complete -c sleak -n "__fish_sleak_using_subcommand completions" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c sleak -n "__fish_sleak_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sleak -n "__fish_sleak_using_subcommand completions" -s V -l version -d 'Print version'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "init" -d 'Create a sleak.toml in the current folder'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "validate" -d 'Check sleak.toml and report every problem in it'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "plan" -d 'Show what applying the workspace would change in AWS (`--offline`: every resource the workspace describes, in the order sleak creates them, without asking AWS)'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "onboard" -d 'Build the organization, its accounts, their networks, the VPN and the DNS zone'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "apply" -d 'Make AWS match the workspace: create what is missing, fix what differs'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "status" -d 'Show every resource sleak manages, per account: ok, missing, changed or drifted'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "destroy" -d 'Delete what sleak built, in reverse order, and sweep its orphaned resources'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "vpn" -d 'Show the VPN server: console address, state, and how to get its setup key'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "doctor" -d 'Check credentials, the organization, every resource, the VPN and the domain\'s delegation'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "unlock" -d 'Show the workspace\'s lease (the run changing AWS now), or remove one left behind'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "cluster" -d 'Create, list, inspect and delete Kubernetes clusters (EKS or a kubeconfig context)'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "kubeconfig" -d 'Add a cluster\'s context to your kubeconfig, as `aws eks update-kubeconfig` does'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "eks-token" -d 'Print an EKS authentication token as a kubectl exec credential'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "project" -d 'Add, remove and list projects'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "env" -d 'Add, remove and list environments'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "dep" -d 'Add, remove and list dependencies (databases, buckets, caches, queues)'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "service" -d 'Add, remove and list services (web services, workers, cron jobs)'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "build" -d 'Build a project\'s image from its Dockerfile and push it to the project\'s ECR repository'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "var" -d 'Set, list and explain variables: plain ones in sleak.toml, secret ones in AWS Secrets Manager'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "release" -d 'Write the Helm chart of a project\'s services in an environment'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "deploy" -d 'Deploy a project\'s services to an environment, as a new Helm-compatible revision'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "rollback" -d 'Put a previous revision of a project\'s deploy back, as a new revision'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "releases" -d 'List the revisions of a project\'s deploys to an environment'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "logs" -d 'Show the logs of a service\'s pods, each line prefixed by its pod'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "sandbox" -d 'Run local stand-ins: an AWS emulator and a Kubernetes API that kubectl and Helm accept'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "demo" -d 'Run the whole platform in the local sandbox: a workspace, onboarding, a cluster, dependencies, variables, services and a deploy'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "whoami" -d 'Show the AWS identity and account sleak would act as'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "schema" -d 'Print the JSON Schema of sleak.toml, for editors'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c sleak -n "__fish_sleak_using_subcommand help; and not __fish_seen_subcommand_from init validate plan onboard apply status destroy vpn doctor unlock cluster kubeconfig eks-token project env dep service build var release deploy rollback releases logs sandbox demo whoami schema completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "create" -d 'Create a cluster, or bring it in line with sleak.toml: roles, EKS, node pools, plugins'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "list" -d 'List the workspace\'s clusters with their state in AWS'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "status" -d 'Show every resource of one cluster: ok, missing, changed or drifted'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "delete" -d 'Delete a cluster\'s node pools, plugins, control plane and roles, and remove it from sleak.toml'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from project" -f -a "add" -d 'Add a project (an ECR repository, and a namespace in each environment it joins)'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from project" -f -a "remove" -d 'Remove a project and everything declared under it'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from project" -f -a "list" -d 'List the projects'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "add" -d 'Add an environment: a subdomain of the domain, on a cluster'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "remove" -d 'Remove an environment (no project may still use it)'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "list" -d 'List the environments'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from dep" -f -a "add" -d 'Add a dependency to a project in an environment'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from dep" -f -a "remove" -d 'Delete a dependency\'s resources (a database after a final snapshot) and remove it from sleak.toml'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from dep" -f -a "list" -d 'List dependencies: state, endpoint and Secret of each'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "add" -d 'Add a service to a project in an environment'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "remove" -d 'Remove a service'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "list" -d 'List services'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from var" -f -a "set" -d 'Set variables: plain values in sleak.toml, secret values (`--secret`) in AWS Secrets Manager'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from var" -f -a "unset" -d 'Remove variables from a group (plain or secret)'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from var" -f -a "list" -d 'List the variables of a project\'s environment, or the effective set of a service'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from var" -f -a "get" -d 'Print the effective value of one variable (a secret one masked unless `--reveal`)'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from var" -f -a "import" -d 'Import variables from a .env file: all or nothing'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from var" -f -a "export" -d 'Print the effective variables as a .env file, to run the app locally'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from var" -f -a "explain" -d 'Show every group that defines a variable, which one wins and why'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "up" -d 'Start a local AWS emulator (moto) and the Kubernetes API stand-in, in the background'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "down" -d 'Stop what `sleak sandbox up` started, and say what was stopped'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "status" -d 'Show each part of the sandbox: its PID, URL and whether it answers'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "env" -d 'Print the shell lines that point sleak, the aws CLI, kubectl and helm at the sandbox'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "kube" -d 'Serve a Kubernetes API stand-in and write a kubeconfig for it'
complete -c sleak -n "__fish_sleak_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "stop" -d 'Stop the stand-in started with `sleak sandbox kube --background`'
