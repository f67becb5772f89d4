-- One company across consoles (README "Companies"): a company's key is computed when it is read, never stored with
-- the licenses, so changing the aliases re-groups the whole history at once.
--
-- company_fold: case, accents, punctuation, whitespace and legal forms folded away. "Contoso GmbH",
-- "CONTOSO GMBH." and "Contoso  G.m.b.H" all fold to "contoso". Immutable, so license_current has an index on it.
create function company_fold(name text) returns text
language sql immutable parallel safe strict as $$
select nullif(coalesce(stripped, spaced), '')
from (select regexp_replace(regexp_replace(joined,
             -- legal forms at the end (several: "gmbh co kg"), then the few that usually lead ("ab volvo")
             '(\s(gmbh|mbh|ag|kg|kgaa|ohg|gbr|ug|ek|se|ltd|limited|llc|llp|lp|plc|inc|incorporated|corp|corporation'
             || '|co|company|sa|sas|sarl|sàrl|spa|srl|sl|sro|bv|bvba|nv|sprl|oy|oyj|ab|as|asa|aps|pty|pte|kft|zoo|sp'
             || '|ltda|sadecv|de|cv|and|the))+$', ''),
             '^(ab|oy|pt|ooo|the)\s(?=\S)', '') as stripped, joined as spaced
      from (select
                -- single letters in a row are one word: "s p a" (S.p.A.) = "spa", "b v" (B.V.) = "bv"
                trim(regexp_replace(spaced, '\m(\w) (?=\w\M)', '\1', 'g')) as joined
            from (select trim(regexp_replace(
                         replace(replace(replace(replace(translate(lower(name),
                                 'àáâãäåāăąçćčďèéêëēėęěìíîïīįłñńňòóôõöøōőŕřśšşťùúûüūůűųýÿźżž',
                                 'aaaaaaaaacccdeeeeeeeeiiiiiilnnnooooooooorrsssstuuuuuuuuyyzzz'),
                                 'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe'), '&', ' and '),
                         '[^[:alnum:]]+', ' ', 'g')) as spaced) s) j) f
$$;

-- What folding cannot see: a folded spelling that belongs to another company ("northwind" → "fabrikam"). Both columns
-- hold folded keys. One step only: a company is never itself a spelling of another (CompanyAliases checks).
create table company_alias (
    spelling   text primary key,
    company    text        not null,
    created_at timestamptz not null default now()
);
create index company_alias_company_idx on company_alias (company);

-- A company's key: the alias's company, or the folded name.
create function company_key(name text) returns text
language sql stable parallel safe as $$
select coalesce((select a.company from company_alias a where a.spelling = company_fold(name)), company_fold(name))
$$;

-- Every folded spelling whose key is p_key (for the company filter, through the index below).
create function company_spellings(p_key text) returns text[]
language sql stable parallel safe as $$
select array(select a.spelling from company_alias a where a.company = p_key
             union all
             select p_key where not exists (select 1 from company_alias b where b.spelling = p_key))
$$;

create index license_current_company_fold_idx on license_current (company_fold(company_name));

-- When each console had fresh data (README "Monthly usage"): a stretch of successful fetches, each within the
-- freshness window (2 × gateway.refresh.interval) of the one before; the console counts as covered from first_success
-- until fresh_until (the last success plus that window). A gap between two stretches is an outage. One row per
-- stretch, written in the transaction that stores the fetch (Coverage), so past months stay reproducible after the
-- run history (gateway.runs.keep) is pruned.
create table console_coverage (
    console       text        not null,
    first_success timestamptz not null,
    last_success  timestamptz not null,
    fresh_until   timestamptz not null,
    primary key (console, first_success)
);

-- Existing data: the successes the kept runs and snapshots show, with the default window of 30 minutes.
insert into console_coverage (console, first_success, last_success, fresh_until)
with success as (
    select console, started_at + duration_ms * interval '1 millisecond' as at from fetch_attempt
    where outcome in ('UPDATED', 'UNCHANGED')
    union select console, fetched_at from snapshot
    union select console, confirmed_at from snapshot
), marked as (
    select console, at, case when at > lag(at) over w + interval '30 minutes' then 1 else 0 end as starts
    from success window w as (partition by console order by at)
), numbered as (
    select console, at, sum(starts) over (partition by console order by at) as stretch from marked
)
select console, min(at), max(at), max(at) + interval '30 minutes' from numbered group by console, stretch;

-- Who asked for a manual run (another change adds the same column; either may run first).
alter table fetch_run add column if not exists requested_by text;
