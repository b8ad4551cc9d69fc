/** `train lab` 메시지 (Korean). Keys must match lab-en.ts exactly. */
import type { DoublingText, labEn } from './lab-en.js';

type LabCatalogue = { readonly [K in keyof typeof labEn]: (typeof labEn)[K] };

const doubled = (d: DoublingText | null): string => (d === null ? '' : ` (배치 ${d.from} → ${d.to}: 스텝 ${d.saved}% ${d.moreSteps ? '증가' : '감소'}, 예제 ${d.added}% ${d.fewer ? '감소' : '증가'})`);

export const labKo: LabCatalogue = {
  'help.lab': () => '배치 크기 실험실: 배치 크기마다 목표까지의 스텝 수, 임계 배치 크기, 그리고 결론',
  'help.lab.examples': () => `
예:
  # 데이터 크기까지의 모든 2의 거듭제곱, 학습률 세 개, 검증 손실 0.05까지
  $ train lab --synthetic linear --samples 256 --loss mse \\
      --validation-split 0.25 --target-loss 0.05 --max-epochs 40
  # 배치 크기와 학습률을 골라 시드 두 개로, 보고서 페이지와 SVG 차트까지
  $ train lab --synthetic linear --batch-sizes 2,8,32 --lrs 0.01,0.03 \\
      --seeds 2 --target-loss 0.05 --report lab.html --plot charts
  # CI 작업 하나에서 실험실의 샤드 하나, 그다음 샤드 합치기
  $ train lab --synthetic linear --target-loss 0.05 --shard 1/2 --out l1.jsonl
  $ train merge --lab l1.jsonl l2.jsonl

목표는 k 스텝마다, 그리고 에포크가 끝날 때마다 확인합니다. k는 평가 비용을
학습의 4분의 1 아래로 두는 가장 작은 값입니다 (평가하는 샘플 m개에 대해
k = ceil(m / (0.3125 · B))). "확인 간격" 열이 k입니다. docs/lab.md를 보세요.`,
  'help.lab.batchSizes': () => '쉼표로 구분한 배치 크기 (기본값: 학습 샘플 수까지의 2의 거듭제곱)',
  'help.lab.lrs': () => '쉼표로 구분한 학습률 (기본값: --lr 또는 옵티마이저 기본값의 ×1/3, ×1, ×3)',
  'help.lab.seeds': () => '배치 크기와 학습률마다 쓸 시드 수: seed, seed+1, …; 스텝 수는 그 중앙값',
  'help.lab.targetLoss': () => '목표: 평가 손실(검증 부분이 있으면 검증, 없으면 학습 샘플)이 이 값 이하',
  'help.lab.targetMetric': () => "식으로 쓴 목표, 예: 'valLoss <= 0.05' (필드: trainLoss, valLoss, trainAccuracy, valAccuracy)",
  'help.lab.maxEpochs': () => '실행마다 학습할 에포크 수 (그동안 계속 목표 확인)',
  'help.lab.out': () => '결과 파일. 이어 쓰므로 다시 실행하면 남은 실행만 진행 (기본값: lab.jsonl 또는 lab.shard-i-of-n.jsonl)',
  'help.lab.plot': () => '차트를 SVG 파일로 쓸 폴더',
  'help.lab.report': () => '차트, 표, 결론을 담은 독립된 HTML 페이지 하나로 저장',
  'help.lab.noiseScale': () => '처음과 매 에포크 뒤에 기울기 잡음 척도 B_simple도 측정 (에포크마다 데이터를 한 번 더 계산)',
  'help.lab.json': () => '분석 결과를 JSON 문서 하나로 stdout에 출력 (진행 상황은 stderr로)',
  'help.merge.lab': () => '파일들을 train lab의 샤드로 보고 합쳐서 실험실 분석 표시',

  'what.targetLoss': () => '목표 손실',
  'lab.saveWeights': () => '--save-weights는 실행 하나의 가중치를 씁니다. 실험실은 모든 실행의 최종 가중치를 결과 파일(--out)에 남깁니다',
  'lab.noTarget': () => "train lab에는 목표가 필요합니다. --target-loss 0.05 또는 --target-metric 'valLoss <= 0.05'를 주세요",
  'lab.twoTargets': () => '--target-loss와 --target-metric 중 하나만 주세요',
  'lab.targetShape': (p) => `--target-metric "${p.source}": 목표는 필드 하나를 <, <=, >, >= 로 숫자와 비교한 식입니다. 예: 'valLoss <= 0.05' (필드: ${p.fields})`,
  'lab.targetNeedsValidation': (p) => `목표 ${p.field} 값은 검증 부분에서 잽니다. --validation-split을 추가하세요. 예: --validation-split 0.2`,
  'lab.tooManyRuns': (p) => `실험실의 실행이 ${p.size}개로 ${p.max}개보다 많습니다. --batch-sizes, --lrs, --seeds를 줄이세요`,
  'lab.seedOverflow': (p) => `--seed ${p.seed}에 --seeds ${p.seeds}를 더하면 가장 큰 시드 4294967295를 넘습니다. 더 작은 --seed를 주세요`,
  'lab.withBatchSize': () => 'train lab은 --batch-size가 아니라 --batch-sizes를 받습니다',
  'lab.shardDone': (p) => `샤드 ${p.shard} 결과가 ${p.file}에 있습니다. 모든 샤드가 끝나면 다음으로 합치세요: train merge --lab <파일…>`,
  'lab.incomplete': () => '결과 파일에 빠진 실행이 있습니다 (중단됨). 같은 명령을 다시 실행해 마무리하세요',
  'lab.merge.noLab': (p) => `${p.file}에는 train lab 실행이 없습니다. train lab이 쓴 결과 파일을 주거나 --lab을 빼세요`,
  'lab.merge.mixed': (p) => `${p.file}에는 다른 실험실(다른 배치 크기, 학습률, 시드 또는 옵션)의 실행이 들어 있습니다. 한 번에 한 실험실의 샤드만 합치세요`,
  'lab.merge.labOnly': (p) => `${p.option} 옵션은 train lab의 샤드에만 씁니다. --lab을 추가하거나, --experiment와 함께 --format json을 쓰세요`,
  'lab.merge.withExperiment': () => 'train merge --lab은 결과 파일에서 실험실을 읽습니다. --experiment를 빼세요',
  'lab.merge.noExperiment': () => "필수 옵션 '--experiment <file>'이 없습니다 (train lab의 샤드라면 --lab을 주세요)",

  'lab.title': (p) => `실험실: 실행 ${p.runs}개; ${p.details}`,
  'lab.targetLine': (p) => `목표: ${p.target}; 배치 크기마다 가장 적은 스텝(시드 중앙값)으로 목표에 닿은 학습률`,
  'lab.col.batch': () => '배치',
  'lab.col.bestLr': () => '최적 학습률',
  'lab.col.steps': () => '스텝 S',
  'lab.col.examples': () => '예제 E',
  'lab.col.reached': () => '도달',
  'lab.col.every': () => '확인 간격',
  'lab.col.memory': () => '스텝 메모리',
  'lab.col.time': () => '목표까지 시간',
  'lab.col.trainLoss': () => '최종 학습 손실',
  'lab.col.valLoss': () => '최종 검증 손실',
  'lab.col.trainAccuracy': () => '최종 학습 정확도',
  'lab.col.valAccuracy': () => '최종 검증 정확도',
  'lab.col.gap': () => '차이',
  'lab.fitLine': (p) =>
    `맞춤 (S/S_min − 1)(E/E_min − 1) = 1: S_min ≈ ${p.sMin} 스텝, E_min ≈ ${p.eMin} 예제, B_crit = E_min/S_min ≈ ${p.bCrit} (잔차 제곱평균제곱근 ${p.rms}%)`,
  'lab.chart.stepsByBatch': () => '배치 크기에 따른 목표까지의 스텝 수 (둘 다 log₂: 기울기 −1이 완전한 스케일링)',
  'lab.chart.stepsByExamples': () => '목표까지의 예제 수에 따른 스텝 수 (둘 다 log₂)와 맞춘 쌍곡선',
  'lab.chart.measured': () => '측정값 (최적 학습률)',
  'lab.chart.perfect': (p) => `배치 ${p.batch}에서 시작한 완전한 스케일링`,
  'lab.chart.fit': (p) => `맞춤, B_crit ≈ ${p.bCrit}`,
  'lab.chart.hyperbola': () => '맞춘 쌍곡선',
  'lab.chart.log2Batch': () => 'log₂ 배치 크기',
  'lab.chart.log2Steps': () => 'log₂ 스텝 수',
  'lab.chart.log2Examples': () => 'log₂ 예제 수',
  'lab.chart.batch': () => '배치 크기',
  'lab.chart.steps': () => '목표까지의 스텝 수',
  'lab.chart.examples': () => '목표까지의 예제 수',
  'lab.chart.series': () => '계열',
  'lab.chart.noise': () => '에포크에 따른 기울기 잡음 척도 B_simple (log₂), 배치 크기마다 최적 학습률에서',
  'lab.chart.epoch': () => '에포크',
  'lab.chart.log2BSimple': () => 'log₂ B_simple 값',
  'lab.chart.bSimple': () => 'B_simple 값',
  'lab.chart.atBatch': (p) => `배치 ${p.batch}`,
  'lab.chart.bCrit': (p) => `B_crit ≈ ${p.bCrit} (맞춤 값)`,

  'lab.verdict.atStart': () => '초기 가중치가 이미 목표에 닿아 아무것도 잴 수 없습니다. 목표를 더 어렵게 하세요.',
  'lab.verdict.noFit': () => '목표에 닿은 배치 크기가 둘보다 적어 스텝–예제 절충 곡선을 맞출 수 없습니다. 에포크를 늘리거나 목표를 느슨하게 하세요.',
  'lab.verdict.beyond': (p) =>
    `측정한 범위 전체에서 스텝 수가 배치 크기에 거의 반비례해 줄었습니다. 임계 배치 크기는 목표에 닿은 가장 큰 배치 ${p.largest}보다 큽니다 (맞춤 값은 ${p.bCrit}).`,
  'lab.verdict.critical': (p) =>
    `임계 배치 크기 ≈ ${p.bCrit} (어떤 배치 크기든 최소 ${p.sMin} 스텝과 ${p.eMin}개 예제가 필요): 그보다 훨씬 작을 때(절반 이하)는 배치를 두 배로 하면 스텝이 3분의 1에서 절반까지 줄고${doubled(p.below)}, 그보다 클 때는 두 배로 해도 스텝은 많아야 4분의 1 줄고 예제는 적어도 절반만큼 더 듭니다${doubled(p.above)}.`,
  'lab.verdict.belowRange': (p) =>
    `임계 배치 크기 ≈ ${p.bCrit}, 측정한 가장 작은 배치(${p.smallest}) 이하입니다: 여기서는 배치를 두 배로 할 때마다 스텝은 많아야 4분의 1 줄고 예제는 적어도 절반만큼 더 듭니다${doubled(p.above)}.`,
  'lab.verdict.fewest': (p) => `가장 적은 스텝은 배치 ${p.stepsBatch} (${p.steps}), 가장 적은 예제는 배치 ${p.examplesBatch} (${p.examples})입니다.`,
  'lab.verdict.bestFinal': (p) =>
    `최종 ${p.validation ? '검증' : '학습'} 손실이 가장 낮은 배치는 ${p.batch} (${p.loss})입니다${
      p.gap === null ? '' : `. 검증 손실과 학습 손실의 차이는 배치 ${p.gap.small}에서 ${p.gap.smallGap}, 배치 ${p.gap.large}에서 ${p.gap.largeGap}입니다`
    }.`,
  'lab.verdict.bestAccuracy': (p) =>
    `최종 ${p.validation ? '검증' : '학습'} 정확도가 가장 높은 배치는 ${p.batch} (${p.accuracy})입니다${
      p.gap === null ? '' : `. 학습 정확도(마지막 에포크의 로그 값)가 검증 정확도보다 배치 ${p.gap.small}에서 ${p.gap.smallGap}, 배치 ${p.gap.large}에서 ${p.gap.largeGap}만큼 높습니다`
    }.`,
  'lab.verdict.fastest': (p) => `이 기계에서 목표에 가장 빨리 닿은 배치: ${p.batch} (${p.time}).`,
  'lab.verdict.noise': (p) =>
    `기울기 잡음 척도 B_simple(배치 ${p.batch})은 초기 가중치에서 ${p.first}, ${p.epochs} 에포크 뒤 ${p.last}였습니다 (${p.low}에서 ${p.high} 사이). McCandlish 등은 B_crit ≈ B_simple이라고 예측합니다${p.bCrit === null ? '' : `. 여기서 맞춘 값은 ${p.bCrit}입니다`}.`,
  'lab.verdict.unreached': (p) => `배치 크기 ${p.batches}${p.count === 1 ? '는' : '는 모두'} 어떤 학습률로도 ${p.epochs} 에포크 안에 목표에 닿지 못했습니다.`,

  'lab.report.title': () => 'batchsim 실험실: 어떤 배치 크기를, 왜',
  'lab.report.verdict': () => '결론',
  'lab.report.table': () => '배치 크기별, 최적 학습률에서',
  'lab.report.charts': () => '목표까지의 스텝 수와 예제 수',
  'lab.report.all': () => '모든 배치 크기와 학습률 (시드 중앙값)',
  'lab.report.lr': () => '학습률',
  'lab.report.footer': (p) => `batchsim ${p.version}로 만듦. 양의 정의와 인용: docs/lab.md.`,
};
