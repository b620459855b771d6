// gbench.cc: Google Benchmark behind one C call (gbench.h).
#include "gbench.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <exception>
#include <string>
#include <vector>

namespace {

// Keeps the per-iteration real time of each repetition and prints nothing:
// the verb prints its own table.  Aggregates (mean, median, ...) are
// skipped so that the median below is over the raw repetitions only.
class KeepTimes : public benchmark::BenchmarkReporter {
public:
    std::vector<double> ns;
    std::string error;

    bool ReportContext(const Context &) override { return true; }

    void ReportRuns(const std::vector<Run> &runs) override
    {
        for (const Run &run : runs) {
            if (run.error_occurred)
                error = run.error_message;
            else if (run.run_type == Run::RT_Iteration)
                ns.push_back(run.GetAdjustedRealTime());
        }
    }
};

double median_of(std::vector<double> xs)
{
    std::sort(xs.begin(), xs.end());
    size_t n = xs.size();
    return n % 2 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2.0;
}

// One batch of all the iterations Google Benchmark asks for: its timer
// runs from the first KeepRunningBatch() to the one that returns false.
void run_body(benchmark::State &state, gbench_body body, void *ctx)
{
    const benchmark::IterationCount n = state.max_iterations;
    while (state.KeepRunningBatch(n))
        body(ctx, (long long)n);
}

int time_body(const char *name, gbench_body body, void *ctx, const gbench_options *opt,
              double *ns, gb_error *err)
{
    KeepTimes reporter;
    benchmark::ClearRegisteredBenchmarks();
    benchmark::RegisterBenchmark(name, run_body, body, ctx)
        ->MinTime(opt->min_time_s)
        ->Repetitions(opt->repetitions < 1 ? 1 : opt->repetitions)
        ->UseRealTime()
        ->Unit(benchmark::kNanosecond);
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::ClearRegisteredBenchmarks();
    if (!reporter.error.empty())
        return gb_fail(err, "%s: Google Benchmark: %s", name, reporter.error.c_str());
    if (reporter.ns.empty())
        return gb_fail(err, "%s: Google Benchmark reported no run", name);
    *ns = median_of(reporter.ns);
    return 0;
}

} // namespace

extern "C" int gbench_time(const char *name, gbench_body body, void *ctx,
                           const gbench_options *opt, double *ns_per_call, gb_error *err)
{
    try {
        return time_body(name, body, ctx, opt, ns_per_call, err);
    } catch (const std::exception &e) {
        return gb_fail(err, "%s: Google Benchmark threw: %s", name, e.what());
    } catch (...) {
        return gb_fail(err, "%s: Google Benchmark threw", name);
    }
}
