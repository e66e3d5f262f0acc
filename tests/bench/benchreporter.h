#pragma once

#include <benchmark/benchmark.h>
#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

// Console output as usual, plus the ratios between pairs of benchmarks that answer "how much does X save?"
// (cold vs cached signing key, full reset vs in-place row sync), printed once every benchmark has run. Ratios use
// the mean real time per iteration; with --benchmark_repetitions the median aggregate is used instead.
class RatioReporter : public benchmark::ConsoleReporter {
public:
    struct Ratio {
        std::string label;
        std::string slower; // benchmark name (as printed, without the aggregate suffix)
        std::string faster;
    };

    explicit RatioReporter(std::vector<Ratio> ratios)
        : m_ratios(std::move(ratios))
    {
    }

    void ReportRuns(const std::vector<Run>& runs) override
    {
        for (const Run& run : runs) {
            if (run.error_occurred)
                continue;
            const std::string name = run.run_name.str();
            if (run.run_type == Run::RT_Iteration)
                m_times[name] = run.GetAdjustedRealTime() * multiplier(run.time_unit);
            else if (run.run_type == Run::RT_Aggregate && run.aggregate_name == "median")
                m_medians[name] = run.GetAdjustedRealTime() * multiplier(run.time_unit);
        }
        ConsoleReporter::ReportRuns(runs);
    }

    void Finalize() override
    {
        ConsoleReporter::Finalize();
        bool header = false;
        for (const Ratio& ratio : m_ratios) {
            const double slow = time(ratio.slower);
            const double fast = time(ratio.faster);
            if (slow <= 0 || fast <= 0)
                continue; // filtered out with --benchmark_filter
            if (!header) {
                std::printf("\nRatios (real time per iteration):\n");
                header = true;
            }
            std::printf(
                "  %-52s %10.2f us vs %10.2f us: %6.1fx\n", ratio.label.c_str(), slow * 1e6, fast * 1e6, slow / fast);
        }
        std::fflush(stdout);
    }

private:
    static double multiplier(benchmark::TimeUnit unit) { return 1.0 / benchmark::GetTimeUnitMultiplier(unit); }

    double time(const std::string& name) const
    {
        if (const auto it = m_medians.find(name); it != m_medians.end())
            return it->second;
        if (const auto it = m_times.find(name); it != m_times.end())
            return it->second;
        return 0;
    }

    std::vector<Ratio> m_ratios;
    std::map<std::string, double> m_times; // seconds per iteration
    std::map<std::string, double> m_medians;
};
