
use builtin;
use str;

set edit:completion:arg-completer[sleak] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'sleak'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'sleak'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create a sleak.toml in the current folder'
            cand validate 'Check sleak.toml and report every problem in it'
            cand plan 'Show what applying the workspace would change in AWS (`--offline`: every resource the workspace describes, in the order sleak creates them, without asking AWS)'
            cand onboard 'Build the organization, its accounts, their networks, the VPN and the DNS zone'
            cand apply 'Make AWS match the workspace: create what is missing, fix what differs'
            cand status 'Show every resource sleak manages, per account: ok, missing, changed or drifted'
            cand destroy 'Delete what sleak built, in reverse order, and sweep its orphaned resources'
            cand vpn 'Show the VPN server: console address, state, and how to get its setup key'
            cand doctor 'Check credentials, the organization, every resource, the VPN and the domain''s delegation'
            cand unlock 'Show the workspace''s lease (the run changing AWS now), or remove one left behind'
            cand cluster 'Create, list, inspect and delete Kubernetes clusters (EKS or a kubeconfig context)'
            cand kubeconfig 'Add a cluster''s context to your kubeconfig, as `aws eks update-kubeconfig` does'
            cand eks-token 'Print an EKS authentication token as a kubectl exec credential'
            cand project 'Add, remove and list projects'
            cand env 'Add, remove and list environments'
            cand dep 'Add, remove and list dependencies (databases, buckets, caches, queues)'
            cand service 'Add, remove and list services (web services, workers, cron jobs)'
            cand build 'Build a project''s image from its Dockerfile and push it to the project''s ECR repository'
            cand var 'Set, list and explain variables: plain ones in sleak.toml, secret ones in AWS Secrets Manager'
            cand release 'Write the Helm chart of a project''s services in an environment'
            cand deploy 'Deploy a project''s services to an environment, as a new Helm-compatible revision'
            cand rollback 'Put a previous revision of a project''s deploy back, as a new revision'
            cand releases 'List the revisions of a project''s deploys to an environment'
            cand logs 'Show the logs of a service''s pods, each line prefixed by its pod'
            cand sandbox 'Run local stand-ins: an AWS emulator and a Kubernetes API that kubectl and Helm accept'
            cand demo 'Run the whole platform in the local sandbox: a workspace, onboarding, a cluster, dependencies, variables, services and a deploy'
            cand whoami 'Show the AWS identity and account sleak would act as'
            cand schema 'Print the JSON Schema of sleak.toml, for editors'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sleak;init'= {
            cand --name 'Workspace name: lowercase letters, digits and `-` (tags and prefixes every resource)'
            cand --domain 'Domain the environments are subdomains of, e.g. acme.dev'
            cand --home-region 'Home AWS region of every account'
            cand --email 'Base e-mail address of the accounts (plus-addressed per account)'
            cand --admin-cidr 'CIDR allowed to reach the VPN console (repeatable)'
            cand --dir 'Folder to create sleak.toml in [default: the current folder]'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;validate'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;plan'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand --offline 'Plan from the workspace alone, without asking AWS what exists'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;onboard'= {
            cand --parallelism 'How many independent changes run at once (they mostly wait on AWS)'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand --dry-run 'Show the plan and stop'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;apply'= {
            cand --parallelism 'How many independent changes run at once (they mostly wait on AWS)'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand --dry-run 'Show the plan and stop'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;status'= {
            cand -p 'A project: show its services in the environment (with --env)'
            cand --project 'A project: show its services in the environment (with --env)'
            cand -e 'An environment: show the project''s services in it (with --project)'
            cand --env 'An environment: show the project''s services in it (with --project)'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;destroy'= {
            cand --confirm 'The workspace''s name, to confirm without a prompt (`--yes` is not enough)'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand --close-accounts 'Also close the member accounts (AWS keeps them suspended for 90 days)'
            cand --dry-run 'Show what would be deleted and stop'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;vpn'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand --setup-key 'Fetch Pritunl''s initial setup key from the server through SSM and print it'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;doctor'= {
            cand --resolver 'DNS resolver to ask for the domain''s name servers [default: the system''s]'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand --offline 'Skip the public DNS lookup'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;unlock'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand --show 'Only show who holds the lease'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;cluster'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a cluster, or bring it in line with sleak.toml: roles, EKS, node pools, plugins'
            cand list 'List the workspace''s clusters with their state in AWS'
            cand status 'Show every resource of one cluster: ok, missing, changed or drifted'
            cand delete 'Delete a cluster''s node pools, plugins, control plane and roles, and remove it from sleak.toml'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sleak;cluster;create'= {
            cand --account 'Account to create the EKS cluster in, when the cluster is not in sleak.toml yet'
            cand --context 'Bring your own cluster: the kubeconfig context to use instead of creating EKS'
            cand --kubernetes-version 'Kubernetes version of a new cluster, e.g. 1.33'
            cand --node-type 'Instance type of a new cluster''s first node pool (`general`)'
            cand --parallelism 'How many independent changes run at once'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand --dry-run 'Show the plan and stop'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;cluster;list'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;cluster;status'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;cluster;delete'= {
            cand --confirm 'The cluster''s name again, to confirm without a prompt (needed with `--yes` too)'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand --dry-run 'Show what would be deleted and stop'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;cluster;help'= {
            cand create 'Create a cluster, or bring it in line with sleak.toml: roles, EKS, node pools, plugins'
            cand list 'List the workspace''s clusters with their state in AWS'
            cand status 'Show every resource of one cluster: ok, missing, changed or drifted'
            cand delete 'Delete a cluster''s node pools, plugins, control plane and roles, and remove it from sleak.toml'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sleak;cluster;help;create'= {
        }
        &'sleak;cluster;help;list'= {
        }
        &'sleak;cluster;help;status'= {
        }
        &'sleak;cluster;help;delete'= {
        }
        &'sleak;cluster;help;help'= {
        }
        &'sleak;kubeconfig'= {
            cand --kubeconfig 'Kubeconfig file to write [default: $KUBECONFIG''s first file, else ~/.kube/config]'
            cand --alias 'Name of the context [default: the cluster''s ARN, as `aws eks update-kubeconfig`]'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand --no-switch 'Do not make it the current context'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;eks-token'= {
            cand --cluster-name 'Name of the EKS cluster (its name in AWS)'
            cand --role-arn 'Role to assume before signing, e.g. the member account''s OrganizationAccountAccessRole'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;project'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a project (an ECR repository, and a namespace in each environment it joins)'
            cand remove 'Remove a project and everything declared under it'
            cand list 'List the projects'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sleak;project;add'= {
            cand --env 'Environment the project is deployed to (repeatable)'
            cand --repository 'ECR repository name [default: the project name]'
            cand --keep-images 'How many images the repository keeps [default: 30]'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand --immutable-tags 'Make pushed image tags immutable'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;project;remove'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;project;list'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;project;help'= {
            cand add 'Add a project (an ECR repository, and a namespace in each environment it joins)'
            cand remove 'Remove a project and everything declared under it'
            cand list 'List the projects'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sleak;project;help;add'= {
        }
        &'sleak;project;help;remove'= {
        }
        &'sleak;project;help;list'= {
        }
        &'sleak;project;help;help'= {
        }
        &'sleak;env'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add an environment: a subdomain of the domain, on a cluster'
            cand remove 'Remove an environment (no project may still use it)'
            cand list 'List the environments'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sleak;env;add'= {
            cand --cluster 'Cluster the environment lives on'
            cand --subdomain 'Subdomain of the domain [default: the environment name]'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;env;remove'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;env;list'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;env;help'= {
            cand add 'Add an environment: a subdomain of the domain, on a cluster'
            cand remove 'Remove an environment (no project may still use it)'
            cand list 'List the environments'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sleak;env;help;add'= {
        }
        &'sleak;env;help;remove'= {
        }
        &'sleak;env;help;list'= {
        }
        &'sleak;env;help;help'= {
        }
        &'sleak;dep'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a dependency to a project in an environment'
            cand remove 'Delete a dependency''s resources (a database after a final snapshot) and remove it from sleak.toml'
            cand list 'List dependencies: state, endpoint and Secret of each'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sleak;dep;add'= {
            cand --kind 'What the dependency is'
            cand -p 'Project [default: the only project, or asked on a terminal]'
            cand --project 'Project [default: the only project, or asked on a terminal]'
            cand -e 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --env 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --variable-prefix 'Prefix of its connection variables [default: the name in upper case]'
            cand --engine-version 'Engine version (postgres, mysql, mariadb, redis, memcached)'
            cand --instance-class 'Instance class (postgres, mysql, mariadb), e.g. db.t4g.micro'
            cand --storage-gib 'Allocated storage in GiB (postgres, mysql, mariadb)'
            cand --bucket 'Bucket name (s3)'
            cand --set 'Set any other option of the dependency, as in sleak.toml (repeatable)'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand --apply 'Then create it (and its Secret) at once, as `sleak apply` would'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;dep;remove'= {
            cand -p 'Project [default: the only project, or asked on a terminal]'
            cand --project 'Project [default: the only project, or asked on a terminal]'
            cand -e 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --env 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --confirm 'The dependency''s name again, to confirm without a prompt (needed with `--yes` too)'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand --skip-final-snapshot 'Delete a database without taking a final snapshot first'
            cand --dry-run 'Show what would be deleted and stop'
            cand --workspace-only 'Only remove it from sleak.toml, with no AWS call: what AWS and the cluster have of it stays, no longer managed by sleak'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;dep;list'= {
            cand -p 'Only this project'
            cand --project 'Only this project'
            cand -e 'Only this environment'
            cand --env 'Only this environment'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand --offline 'Only what sleak.toml says: no state or endpoint, no AWS call'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;dep;help'= {
            cand add 'Add a dependency to a project in an environment'
            cand remove 'Delete a dependency''s resources (a database after a final snapshot) and remove it from sleak.toml'
            cand list 'List dependencies: state, endpoint and Secret of each'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sleak;dep;help;add'= {
        }
        &'sleak;dep;help;remove'= {
        }
        &'sleak;dep;help;list'= {
        }
        &'sleak;dep;help;help'= {
        }
        &'sleak;service'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a service to a project in an environment'
            cand remove 'Remove a service'
            cand list 'List services'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sleak;service;add'= {
            cand --kind 'What the service is'
            cand -p 'Project [default: the only project, or asked on a terminal]'
            cand --project 'Project [default: the only project, or asked on a terminal]'
            cand -e 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --env 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --image 'Container image [default: the project''s repository at the release''s tag]'
            cand --port 'Port the container listens on (web)'
            cand --expose 'Who can reach a web service'
            cand --replicas 'Number of pods (web, worker)'
            cand --schedule 'Cron schedule (cron), e.g. "0 3 * * *"'
            cand --cpu 'CPU request, e.g. 250m'
            cand --memory 'Memory request, e.g. 512Mi'
            cand --health-path 'HTTP path of the health check (web), e.g. /healthz'
            cand --var 'A plain variable of this service (repeatable)'
            cand --set 'Set any other option of the service, as in sleak.toml (repeatable)'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;service;remove'= {
            cand -p 'Project [default: the only project, or asked on a terminal]'
            cand --project 'Project [default: the only project, or asked on a terminal]'
            cand -e 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --env 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;service;list'= {
            cand -p 'Only this project'
            cand --project 'Only this project'
            cand -e 'Only this environment'
            cand --env 'Only this environment'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;service;help'= {
            cand add 'Add a service to a project in an environment'
            cand remove 'Remove a service'
            cand list 'List services'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sleak;service;help;add'= {
        }
        &'sleak;service;help;remove'= {
        }
        &'sleak;service;help;list'= {
        }
        &'sleak;service;help;help'= {
        }
        &'sleak;build'= {
            cand -p 'The project whose image to build [default: the only one]'
            cand --project 'The project whose image to build [default: the only one]'
            cand -f 'The Dockerfile [default: Dockerfile in the build context]'
            cand --file 'The Dockerfile [default: Dockerfile in the build context]'
            cand --context 'The folder sent to the builder [default: the current folder]'
            cand --tag 'The image''s tag [default: the context''s git commit, 12 characters]'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand --allow-dirty 'Build a tree with uncommitted changes (the tag ends in `-dirty-<hash>`)'
            cand --no-push 'Build only: no login, no push'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;var'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand set 'Set variables: plain values in sleak.toml, secret values (`--secret`) in AWS Secrets Manager'
            cand unset 'Remove variables from a group (plain or secret)'
            cand list 'List the variables of a project''s environment, or the effective set of a service'
            cand get 'Print the effective value of one variable (a secret one masked unless `--reveal`)'
            cand import 'Import variables from a .env file: all or nothing'
            cand export 'Print the effective variables as a .env file, to run the app locally'
            cand explain 'Show every group that defines a variable, which one wins and why'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sleak;var;set'= {
            cand -p 'Project [default: the only project, or asked on a terminal]'
            cand --project 'Project [default: the only project, or asked on a terminal]'
            cand -e 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --env 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand -s 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]'
            cand --service 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand --secret 'Keep the values in AWS Secrets Manager; sleak.toml gets only their names'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;var;unset'= {
            cand -p 'Project [default: the only project, or asked on a terminal]'
            cand --project 'Project [default: the only project, or asked on a terminal]'
            cand -e 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --env 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand -s 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]'
            cand --service 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;var;list'= {
            cand -p 'Project [default: the only project, or asked on a terminal]'
            cand --project 'Project [default: the only project, or asked on a terminal]'
            cand -e 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --env 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand -s 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]'
            cand --service 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;var;get'= {
            cand -p 'Project [default: the only project, or asked on a terminal]'
            cand --project 'Project [default: the only project, or asked on a terminal]'
            cand -e 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --env 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand -s 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]'
            cand --service 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand --reveal 'Print a secret value (to stdout only)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;var;import'= {
            cand -p 'Project [default: the only project, or asked on a terminal]'
            cand --project 'Project [default: the only project, or asked on a terminal]'
            cand -e 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --env 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand -s 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]'
            cand --service 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand --secret 'Keep the values in AWS Secrets Manager; sleak.toml gets only their names'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;var;export'= {
            cand -p 'Project [default: the only project, or asked on a terminal]'
            cand --project 'Project [default: the only project, or asked on a terminal]'
            cand -e 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --env 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand -s 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]'
            cand --service 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand --reveal 'Write secret values too (from Secrets Manager)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;var;explain'= {
            cand -p 'Project [default: the only project, or asked on a terminal]'
            cand --project 'Project [default: the only project, or asked on a terminal]'
            cand -e 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --env 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand -s 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]'
            cand --service 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;var;help'= {
            cand set 'Set variables: plain values in sleak.toml, secret values (`--secret`) in AWS Secrets Manager'
            cand unset 'Remove variables from a group (plain or secret)'
            cand list 'List the variables of a project''s environment, or the effective set of a service'
            cand get 'Print the effective value of one variable (a secret one masked unless `--reveal`)'
            cand import 'Import variables from a .env file: all or nothing'
            cand export 'Print the effective variables as a .env file, to run the app locally'
            cand explain 'Show every group that defines a variable, which one wins and why'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sleak;var;help;set'= {
        }
        &'sleak;var;help;unset'= {
        }
        &'sleak;var;help;list'= {
        }
        &'sleak;var;help;get'= {
        }
        &'sleak;var;help;import'= {
        }
        &'sleak;var;help;export'= {
        }
        &'sleak;var;help;explain'= {
        }
        &'sleak;var;help;help'= {
        }
        &'sleak;release'= {
            cand -p 'Project [default: the only project, or asked on a terminal]'
            cand --project 'Project [default: the only project, or asked on a terminal]'
            cand -e 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --env 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --image-tag 'Image tag to deploy: services without their own `image` run the project''s repository at this tag'
            cand --out 'Folder to write the chart to [default: ./<project>-<env>-chart]'
            cand --repository 'Image repository URI [default: the project''s ECR repository, looked up in the management account]'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;deploy'= {
            cand -p 'Project [default: the only project, or asked on a terminal]'
            cand --project 'Project [default: the only project, or asked on a terminal]'
            cand -e 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --env 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --image-tag 'Image tag to deploy [default: the HEAD commit of the git repository of the current folder, as `sleak build` tags it]'
            cand --release 'Deploy a chart written by `sleak release` instead of rendering the workspace'
            cand --timeout 'How long the services may take to be ready'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand --dry-run 'Show what would change, object by object (server-side dry run); change nothing'
            cand --atomic 'If the deploy fails, put the previous revision back'
            cand --no-wait 'Do not wait for the services to be ready'
            cand --force 'Deploy even when nothing changed (a new revision of the same release)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;rollback'= {
            cand -p 'Project [default: the only project, or asked on a terminal]'
            cand --project 'Project [default: the only project, or asked on a terminal]'
            cand -e 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --env 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --timeout 'How long the services may take to be ready'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand --no-wait 'Do not wait for the services to be ready'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;releases'= {
            cand -p 'Project [default: the only project, or asked on a terminal]'
            cand --project 'Project [default: the only project, or asked on a terminal]'
            cand -e 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --env 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --max 'Show at most this many revisions, the latest'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;logs'= {
            cand -p 'Project [default: the only project, or asked on a terminal]'
            cand --project 'Project [default: the only project, or asked on a terminal]'
            cand -e 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --env 'Environment [default: the only environment of the project, or asked on a terminal]'
            cand --since 'Only lines newer than this (e.g. 10m, 1h)'
            cand --tail 'Lines from the end of each pod''s log [default: all]'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -f 'Keep streaming new lines'
            cand --follow 'Keep streaming new lines'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;sandbox'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand up 'Start a local AWS emulator (moto) and the Kubernetes API stand-in, in the background'
            cand down 'Stop what `sleak sandbox up` started, and say what was stopped'
            cand status 'Show each part of the sandbox: its PID, URL and whether it answers'
            cand env 'Print the shell lines that point sleak, the aws CLI, kubectl and helm at the sandbox'
            cand kube 'Serve a Kubernetes API stand-in and write a kubeconfig for it'
            cand stop 'Stop the stand-in started with `sleak sandbox kube --background`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sleak;sandbox;up'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;sandbox;down'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;sandbox;status'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;sandbox;env'= {
            cand --shell 'The shell whose syntax to print'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;sandbox;kube'= {
            cand --port 'Port to listen on (0: a free one)'
            cand --kubeconfig 'Where to write the kubeconfig [default: sandbox/kubeconfig in the data folder]'
            cand --context 'Name of the kubeconfig context'
            cand --ready-delay-ms 'Milliseconds a new pod takes to become ready'
            cand --failure-pattern 'Workloads whose image contains this text never become ready (CrashLoopBackOff)'
            cand --latency-ms 'Milliseconds added to every request'
            cand --fault-rate 'Share of requests (0 to 1) answered with an injected 500 or 429'
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand --background 'Run in the background and return once it serves; prints the kubeconfig path'
            cand --persist 'Keep the cluster''s objects across restarts, in the data folder'
            cand --accept-eks-tokens 'Also accept EKS tokens (`sleak eks-token`, `aws eks get-token`), checked by form and age only: the stand-in cannot verify their signature'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;sandbox;stop'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;sandbox;help'= {
            cand up 'Start a local AWS emulator (moto) and the Kubernetes API stand-in, in the background'
            cand down 'Stop what `sleak sandbox up` started, and say what was stopped'
            cand status 'Show each part of the sandbox: its PID, URL and whether it answers'
            cand env 'Print the shell lines that point sleak, the aws CLI, kubectl and helm at the sandbox'
            cand kube 'Serve a Kubernetes API stand-in and write a kubeconfig for it'
            cand stop 'Stop the stand-in started with `sleak sandbox kube --background`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sleak;sandbox;help;up'= {
        }
        &'sleak;sandbox;help;down'= {
        }
        &'sleak;sandbox;help;status'= {
        }
        &'sleak;sandbox;help;env'= {
        }
        &'sleak;sandbox;help;kube'= {
        }
        &'sleak;sandbox;help;stop'= {
        }
        &'sleak;sandbox;help;help'= {
        }
        &'sleak;demo'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;whoami'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;schema'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;completions'= {
            cand -C 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --workspace 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]'
            cand --profile 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]'
            cand --region 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]'
            cand --output 'Output format of data on stdout'
            cand --color 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)'
            cand --lock-timeout 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sleak;help'= {
            cand init 'Create a sleak.toml in the current folder'
            cand validate 'Check sleak.toml and report every problem in it'
            cand plan 'Show what applying the workspace would change in AWS (`--offline`: every resource the workspace describes, in the order sleak creates them, without asking AWS)'
            cand onboard 'Build the organization, its accounts, their networks, the VPN and the DNS zone'
            cand apply 'Make AWS match the workspace: create what is missing, fix what differs'
            cand status 'Show every resource sleak manages, per account: ok, missing, changed or drifted'
            cand destroy 'Delete what sleak built, in reverse order, and sweep its orphaned resources'
            cand vpn 'Show the VPN server: console address, state, and how to get its setup key'
            cand doctor 'Check credentials, the organization, every resource, the VPN and the domain''s delegation'
            cand unlock 'Show the workspace''s lease (the run changing AWS now), or remove one left behind'
            cand cluster 'Create, list, inspect and delete Kubernetes clusters (EKS or a kubeconfig context)'
            cand kubeconfig 'Add a cluster''s context to your kubeconfig, as `aws eks update-kubeconfig` does'
            cand eks-token 'Print an EKS authentication token as a kubectl exec credential'
            cand project 'Add, remove and list projects'
            cand env 'Add, remove and list environments'
            cand dep 'Add, remove and list dependencies (databases, buckets, caches, queues)'
            cand service 'Add, remove and list services (web services, workers, cron jobs)'
            cand build 'Build a project''s image from its Dockerfile and push it to the project''s ECR repository'
            cand var 'Set, list and explain variables: plain ones in sleak.toml, secret ones in AWS Secrets Manager'
            cand release 'Write the Helm chart of a project''s services in an environment'
            cand deploy 'Deploy a project''s services to an environment, as a new Helm-compatible revision'
            cand rollback 'Put a previous revision of a project''s deploy back, as a new revision'
            cand releases 'List the revisions of a project''s deploys to an environment'
            cand logs 'Show the logs of a service''s pods, each line prefixed by its pod'
            cand sandbox 'Run local stand-ins: an AWS emulator and a Kubernetes API that kubectl and Helm accept'
            cand demo 'Run the whole platform in the local sandbox: a workspace, onboarding, a cluster, dependencies, variables, services and a deploy'
            cand whoami 'Show the AWS identity and account sleak would act as'
            cand schema 'Print the JSON Schema of sleak.toml, for editors'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sleak;help;init'= {
        }
        &'sleak;help;validate'= {
        }
        &'sleak;help;plan'= {
        }
        &'sleak;help;onboard'= {
        }
        &'sleak;help;apply'= {
        }
        &'sleak;help;status'= {
        }
        &'sleak;help;destroy'= {
        }
        &'sleak;help;vpn'= {
        }
        &'sleak;help;doctor'= {
        }
        &'sleak;help;unlock'= {
        }
        &'sleak;help;cluster'= {
            cand create 'Create a cluster, or bring it in line with sleak.toml: roles, EKS, node pools, plugins'
            cand list 'List the workspace''s clusters with their state in AWS'
            cand status 'Show every resource of one cluster: ok, missing, changed or drifted'
            cand delete 'Delete a cluster''s node pools, plugins, control plane and roles, and remove it from sleak.toml'
        }
        &'sleak;help;cluster;create'= {
        }
        &'sleak;help;cluster;list'= {
        }
        &'sleak;help;cluster;status'= {
        }
        &'sleak;help;cluster;delete'= {
        }
        &'sleak;help;kubeconfig'= {
        }
        &'sleak;help;eks-token'= {
        }
        &'sleak;help;project'= {
            cand add 'Add a project (an ECR repository, and a namespace in each environment it joins)'
            cand remove 'Remove a project and everything declared under it'
            cand list 'List the projects'
        }
        &'sleak;help;project;add'= {
        }
        &'sleak;help;project;remove'= {
        }
        &'sleak;help;project;list'= {
        }
        &'sleak;help;env'= {
            cand add 'Add an environment: a subdomain of the domain, on a cluster'
            cand remove 'Remove an environment (no project may still use it)'
            cand list 'List the environments'
        }
        &'sleak;help;env;add'= {
        }
        &'sleak;help;env;remove'= {
        }
        &'sleak;help;env;list'= {
        }
        &'sleak;help;dep'= {
            cand add 'Add a dependency to a project in an environment'
            cand remove 'Delete a dependency''s resources (a database after a final snapshot) and remove it from sleak.toml'
            cand list 'List dependencies: state, endpoint and Secret of each'
        }
        &'sleak;help;dep;add'= {
        }
        &'sleak;help;dep;remove'= {
        }
        &'sleak;help;dep;list'= {
        }
        &'sleak;help;service'= {
            cand add 'Add a service to a project in an environment'
            cand remove 'Remove a service'
            cand list 'List services'
        }
        &'sleak;help;service;add'= {
        }
        &'sleak;help;service;remove'= {
        }
        &'sleak;help;service;list'= {
        }
        &'sleak;help;build'= {
        }
        &'sleak;help;var'= {
            cand set 'Set variables: plain values in sleak.toml, secret values (`--secret`) in AWS Secrets Manager'
            cand unset 'Remove variables from a group (plain or secret)'
            cand list 'List the variables of a project''s environment, or the effective set of a service'
            cand get 'Print the effective value of one variable (a secret one masked unless `--reveal`)'
            cand import 'Import variables from a .env file: all or nothing'
            cand export 'Print the effective variables as a .env file, to run the app locally'
            cand explain 'Show every group that defines a variable, which one wins and why'
        }
        &'sleak;help;var;set'= {
        }
        &'sleak;help;var;unset'= {
        }
        &'sleak;help;var;list'= {
        }
        &'sleak;help;var;get'= {
        }
        &'sleak;help;var;import'= {
        }
        &'sleak;help;var;export'= {
        }
        &'sleak;help;var;explain'= {
        }
        &'sleak;help;release'= {
        }
        &'sleak;help;deploy'= {
        }
        &'sleak;help;rollback'= {
        }
        &'sleak;help;releases'= {
        }
        &'sleak;help;logs'= {
        }
        &'sleak;help;sandbox'= {
            cand up 'Start a local AWS emulator (moto) and the Kubernetes API stand-in, in the background'
            cand down 'Stop what `sleak sandbox up` started, and say what was stopped'
            cand status 'Show each part of the sandbox: its PID, URL and whether it answers'
            cand env 'Print the shell lines that point sleak, the aws CLI, kubectl and helm at the sandbox'
            cand kube 'Serve a Kubernetes API stand-in and write a kubeconfig for it'
            cand stop 'Stop the stand-in started with `sleak sandbox kube --background`'
        }
        &'sleak;help;sandbox;up'= {
        }
        &'sleak;help;sandbox;down'= {
        }
        &'sleak;help;sandbox;status'= {
        }
        &'sleak;help;sandbox;env'= {
        }
        &'sleak;help;sandbox;kube'= {
        }
        &'sleak;help;sandbox;stop'= {
        }
        &'sleak;help;demo'= {
        }
        &'sleak;help;whoami'= {
        }
        &'sleak;help;schema'= {
        }
        &'sleak;help;completions'= {
        }
        &'sleak;help;help'= {
        }
    ]
    $completions[$command]
}
