import type { Reply } from '../../domain/messages/reply';
import { diagnosisLines, diagnosisSection, type RepDiagnosis } from '../../domain/reports/rep-diagnosis';
import { buildDiagnosisChart } from '../charts/diagnosis.chart';
import type { ReportPage } from '../render/report-page';
import { reportMarkdown } from './report-markdown';

/** `诊断 张三` (or the team's `诊断`): the grid image, with each cause and its advice under it. */
export function buildDiagnosisPage(title: string, subtitle: string, diagnoses: RepDiagnosis[]): ReportPage {
  const single = diagnoses.length === 1;
  return {
    title,
    subtitle,
    charts: [buildDiagnosisChart(diagnoses)],
    footnotes: [...diagnoses]
      .sort((a, b) => b.causes.length - a.causes.length)
      .flatMap((d) => diagnosisLines(d, !single)),
  };
}

export function buildDiagnosisMarkdown(heading: string, diagnoses: RepDiagnosis[]): Reply {
  const sections =
    diagnoses.length === 1
      ? [
          {
            title: (diagnoses[0] as RepDiagnosis).summary,
            lines: diagnosisLines(diagnoses[0] as RepDiagnosis, false),
          },
        ]
      : [diagnosisSection(diagnoses, '三种原因')];
  return reportMarkdown(heading, heading, sections);
}
