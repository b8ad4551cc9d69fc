/** 한국어 메시지 카탈로그 (Korean). Keys must match en.ts exactly. */
import type { Catalogue } from './en.js';
import { labKo } from './lab-ko.js';

/**
 * Whether a word's last sound is a consonant (받침), which picks the particle after it (은/는,
 * 이/가, 과/와); digits are read as Sino-Korean numbers (영 일 이 삼 …). null when it cannot be
 * told, e.g. after Latin letters or symbols.
 */
function endsInConsonant(word: string): boolean {
  // Quotes and brackets are not read aloud: the word before them decides.
  const last = word.trimEnd().replace(/["'`)\]}]+$/, '').slice(-1);
  const code = last.charCodeAt(0);
  if (code >= 0xac00 && code <= 0xd7a3) return (code - 0xac00) % 28 !== 0;
  if (last >= '0' && last <= '9') return '013678'.includes(last);
  // A Latin word as Korean readers say it: ending in l, m or n (and -ng) it ends in a
  // consonant (adam → 아담이, tanh → 탄이… rarely wrong); otherwise in a vowel (mae → 매가, three → 쓰리가).
  return /[lmn]$|ng$/i.test(word.trimEnd().replace(/["'`)\]}]+$/, ''));
}

/** The particle that fits after `word`: `particle('학습률', '은', '는')` → `은`. Never the `은(는)` of machine text. */
function particle(word: string, afterConsonant: string, afterVowel: string): string {
  return endsInConsonant(word) ? afterConsonant : afterVowel;
}

const josa = (word: string, afterConsonant: string, afterVowel: string): string => word + particle(word, afterConsonant, afterVowel);

const topic = (word: string): string => josa(word, '은', '는');
const suggested = (name: string | null): string => (name === null ? '' : ` "${name}" 말인가요?`);

export const ko: Catalogue = {
  'cli.error': (p) => `오류: ${p.message}`,
  'cli.warning': (p) => `경고: ${p.message}`,
  'cli.note': (p) => `참고: ${p.message}`,
  'cli.internalError': (p) => `내부 오류: ${p.message}${p.debug ? '' : ' (자세한 내용은 --debug를 붙여 다시 실행하세요)'}`,
  'cli.cut': (p) => `${p.start}…${p.end} (${p.length}자)`,
  'cli.outputFailed': (p) => `출력을 쓸 수 없습니다: ${p.reason}. 공간을 확보하거나 출력을 다른 곳으로 보내세요`,
  'commander.unknownOption': (p) => `알 수 없는 옵션입니다: '${p.option}'${p.suggestion === null ? '' : `. ${p.suggestion} 말인가요?`}`,
  'commander.unknownCommand': (p) => `알 수 없는 명령입니다: '${p.command}'${p.suggestion === null ? '' : `. ${p.suggestion} 말인가요?`}`,
  'commander.oneOf': (p) => `${p.names} 중 하나`,
  'commander.excessArguments': (p) =>
    `인자가 너무 많습니다${p.command === null ? '' : ` ('${p.command}')`}. 인자 ${p.expected}개를 받는데 ${p.got}개가 주어졌습니다.`,
  'meant.compareList': (p) => `"${p.typed}" 같은 값은 인자로 받지 않습니다. 비교할 배치 크기는 --batch-sizes 뒤에 씁니다. 이렇게 쓰려던 건가요? ${p.command}`,
  'meant.compareOption': (p) => `${p.option} 옵션은 train이 아니라 train compare의 옵션입니다. 이렇게 쓰려던 건가요? ${p.command}`,
  'meant.commas': (p) => `${p.option} 옵션에는 목록 하나를 공백 없이 쉼표로 구분해 씁니다. 이렇게 쓰려던 건가요? ${p.command}`,
  'meant.batchSize': (p) => `train은 인자 없이 옵션만 받습니다 ("${p.typed}"). 이렇게 쓰려던 건가요? ${p.command}`,
  'commander.missingArgument': (p) => `필수 인자가 없습니다: '${p.argument}'`,
  'commander.optionMissingArgument': (p) => `옵션 '${p.option}'의 값이 없습니다`,
  'commander.missingMandatoryOption': (p) => `필수 옵션이 없습니다: '${p.option}'`,
  'commander.invalidArgument': (p) => `옵션 '${p.option}'에 준 값 '${p.value}'${particle(p.value, '은', '는')} 쓸 수 없습니다. ${p.problem}`,

  'help.usage': () => '사용법:',
  'help.options': () => '옵션:',
  'help.commands': () => '명령:',
  'help.arguments': () => '인자:',
  'help.globalOptions': () => '전역 옵션:',
  'help.default': (p) => `기본값: ${p.value}`,
  'help.help': () => '이 도움말 보기',
  'help.version': () => '버전 출력',
  'help.debug': () => '예상치 못한 오류의 스택 추적 보기',
  'help.train': () => '작은 dense 모델을 Keras와 똑같이 학습시키고, 배치 크기가 무엇을 바꾸는지 봅니다.',
  'help.train.examples': () => `
예시:
  # 샘플 데이터(x = y = 1..6)에서 에포크당 2 스텝
  $ train --batch-size 3 --epochs 10
  # 배치마다 들어간 샘플과 손실, 로그의 loss가 만들어지는 과정
  $ train -b 4 -e 2 --explain --show-batches
  # 같은 가중치에서 시작해 배치 크기 세 가지를 나란히 비교
  $ train compare --batch-sizes 6,3,1 --epochs 10 --explain
  # 같은 loss를 옵티마이저 업데이트 횟수 기준으로
  $ train compare --batch-sizes 6,3,1 --epochs 10 --x update
  # 내 데이터로
  $ train --data points.csv --target y --layers 8:relu,1 --loss mse
  # 실제 데이터셋을 표준화하고 테스트 부분을 떼어 두고 (train datasets가 목록을 보여 줌)
  $ train --dataset auto-mpg --standardize --test-split 0.2 --layers 16:relu,1 --loss mse`,
  'help.exitCodes': () => '종료 코드: 0 완료, 1 검사 실패, 2 잘못된 입력, 3 NaN/--assert, 130/143 중단됨.',
  'help.group.learners': () => '입문자를 위한 옵션:',
  'help.group.training': () => '학습:',
  'help.group.model': () => '모델:',
  'help.group.data': () => '데이터:',
  'help.group.output': () => '출력:',
  'help.batchSize': () => '옵티마이저 스텝 한 번에 쓰는 샘플 수 (Keras 기본값)',
  'help.epochs': () => '학습 데이터를 훑는 횟수',
  'help.lr': () => '학습률 (기본값: 옵티마이저의 Keras 기본값)',
  'help.lrScaling': () => '배치 크기에 따라 학습률 조정: none, linear (lr·B/B0) 또는 sqrt (lr·√(B/B0)); 이때 --lr은 B0에 대한 학습률',
  'help.baseBatchSize': () => '학습률이 맞춰진 기준 배치 크기 B0 (기본값 32)',
  'help.warmupEpochs': () => '처음 k 에포크 동안 학습률을 기준 학습률에서 조정된 학습률까지 선형으로 올림',
  'help.optimizer': (p) => `옵티마이저: ${p.names}`,
  'help.momentum': () => 'sgd와 rmsprop의 모멘텀 (기본값 0)',
  'help.nesterov': () => 'Nesterov 모멘텀 (sgd)',
  'help.loss': (p) => `손실 함수: ${p.names}`,
  'help.layers': () => '쉼표로 구분한 units[:activation] (linear, relu, tanh, sigmoid, softmax); 마지막이 출력층',
  'help.metrics': (p) => `손실과 함께 추적할 지표, 쉼표로 구분: ${p.names} (accuracy의 종류는 Keras처럼 손실 함수에 따라 결정)`,
  'help.data': () => '헤더 행이 있는 CSV, 또는 JSON {"x": [...], "y": [...]} (기본값: 내장 샘플 x = y = 1..6)',
  'help.synthetic': () => '데이터 생성: linear (y = x·w + b + 노이즈) 또는 sine (작은 MLP가 배울 수 있는 곡선)',
  'help.samples': (p) => `--synthetic 데이터의 샘플 수 (기본값 ${p.value})`,
  'help.features': (p) => `--synthetic 데이터의 특성 수 (기본값 ${p.value})`,
  'help.noise': (p) => `--synthetic 타깃에 더하는 노이즈의 표준편차 (기본값 ${p.value})`,
  'help.target': () => 'CSV의 타깃 열, 쉼표로 구분 (기본값: 마지막 열)',
  'help.dataset': (p) =>
    `내장된 실제 데이터셋으로 학습: ${p.names} (train datasets가 목록을 보여 줍니다). 분류 데이터셋의 기본값은 sparse_categorical_crossentropy, K:softmax 출력층, accuracy입니다`,
  'help.dropMissing': () => '빠진 값(빈 칸, NA, NaN)이 있는 CSV 행을 파일을 거부하는 대신 뺍니다',
  'help.standardize': () => '각 특성을 학습 부분의 평균과 표준편차로 조정합니다 (학습 데이터로 adapt한 Keras Normalization 층과 같음)',
  'help.testSplit': () => '검증 부분보다 먼저 끝에서 떼어 두고 학습이 끝난 뒤 한 번 평가하는 샘플 비율',
  'help.seed': () => '초기 가중치와 셔플의 시드',
  'help.noShuffle': () => '에포크마다 같은 샘플 순서 유지 (Keras는 기본으로 셔플합니다)',
  'help.validationSplit': () => 'val_loss용으로 끝에서 떼어 두는 샘플 비율',
  'help.validationSplit.none': () => '없음',
  'help.weights': () => '초기 가중치: Keras get_weights() 순서의 JSON [W0, b0, W1, b1, ...]',
  'help.saveWeights': () => '최종 가중치를 같은 형식으로 저장',
  'help.onNan': () => 'loss가 NaN이나 무한대가 되면: stop (Keras의 TerminateOnNaN) 또는 continue (Keras 기본 동작)',
  'help.verbose': () => 'auto, 0 (출력 없음), 1 (진행 막대) 또는 2 (에포크당 한 줄)',
  'help.json': () => '결과를 JSON 문서 하나로 stdout에 출력',
  'help.noColor': () => '터미널에서도 색을 쓰지 않기 (NO_COLOR 환경 변수도 지원)',
  'help.noTimings': () => '시간 재지 않기: 모든 시간을 0으로 표시해서 출력 전체를 diff로 비교 가능',
  'help.lang': (p) => `Keras 줄 밖의 텍스트 언어: ${p.names} (기본값: LANG 환경 변수에 따라)`,
  'help.explain': () => '학습 전에 계산 과정 설명: 에포크당 스텝 수, 배치 크기, 업데이트 수, loss의 의미',
  'help.showBatches': () => '에포크가 끝날 때마다 그 에포크의 배치 보기: 샘플 인덱스(0부터), 데이터가 작으면 x 값, 배치별 손실과 누적 평균',
  'help.lossReport': () => 'running: Keras가 출력하는 loss, end: 에포크마다 전체 학습 데이터의 loss(end_loss)도 계산',
  'help.style': () => "진행 줄: keras2 (폭 30의 '=' 막대) 또는 keras3 (폭 20의 '━' 막대)",
  'help.emitKeras': () => '학습하지 않고, 이 실행을 Keras로 똑같이 재현하는 Python 스크립트만 출력 (같은 데이터, 가중치, 설정)',
  'help.noiseScale': () => '샘플별 기울기로 기울기 잡음 척도 B_simple = tr(Σ)/|G|²를 처음과 매 에포크 뒤에 측정',
  'help.csvLog': () => 'Keras CSVLogger 형식의 파일 저장: epoch 다음에 정렬된 로그 키(accuracy,loss[,val_accuracy,val_loss]), 에포크 번호는 0부터',

  'help.compare': () => '같은 초기 가중치에서 배치 크기마다 한 번씩 학습하고 loss를 나란히 비교합니다.',
  'help.datasets': () => '내장 데이터셋 목록: 행, 특성, 작업, 기본 타깃, 출처, 라이선스.',
  'datasets.header': () => '이름,행,특성,작업,타깃,출처,라이선스',
  'datasets.footer': () => 'train --dataset NAME으로 학습합니다. 출처, 인용, 라이선스는 data/README.md에 있습니다',
  'help.compare.examples': () => `
예시:
  # 샘플 데이터에서 풀 배치와 미니 배치 비교
  $ train compare --batch-sizes 6,3,1 --epochs 10
  # 같은 loss를 옵티마이저 업데이트 횟수 기준으로, 배치 크기별 계산 과정과 함께
  $ train compare --batch-sizes 6,3,1 --epochs 10 --x update --explain
  # 시드 42..46의 평균 ± 표준편차
  $ train compare -e 20 --batch-sizes 6,2 --seeds 5 --quiet
  # 배치 크기 × 학습률의 모든 조합
  $ train compare -e 10 --batch-sizes 6,1 --lrs 0.001,0.01
  # results/에 runs.json, history.csv, summary.md, loss.svg
  $ train compare -e 10 --batch-sizes 6,3,1 --out results/`,
  'help.batchSizes': () => '비교할 배치 크기, 쉼표로 구분, 예: 6,3,1 (중복은 한 번만 실행)',
  'help.metric': (p) =>
    `이 기록의 마지막 에포크 값으로 행을 좋은 순서로 정렬하고 차트로 그림: ${p.names} (정확도는 높을수록, 손실은 낮을수록 좋음); 기본값: 배치 크기 순서, 손실 차트`,
  'help.seeds': () => '배치 크기마다 시드 seed, seed+1, …, seed+k−1로 반복해서 평균 ± 표준편차 표시',
  'help.lrs': () => '쉼표로 구분한 학습률: 배치 크기 × 학습률의 모든 조합',
  'help.x': (p) => `차트의 x축: ${p.names}`,
  'help.format': (p) => `stdout에 낼 형식: ${p.names}`,
  'help.plot': () => 'loss 차트를 SVG 파일로 저장',
  'help.out': () => '이 폴더에 runs.json, history.csv, summary.md, loss.svg 저장',
  'help.quiet': () => '실행별 Keras 로그 생략 (계산 과정, 표, 차트는 그대로 출력)',

  'help.sweep': () => '실험 파일의 모든 그리드 점을 워커 스레드에서 학습하고, 실행마다 --out에 JSON 한 줄을 씁니다.',
  'help.sweep.examples': (p) => `
예시:
  # 모든 그리드 점 → batch-vs-lr.jsonl
  $ train sweep examples/batch-vs-lr.json
  # CI 샤드 세 개 중 두 번째
  $ train sweep exp.json --shard 2/3 --out part-2.jsonl
  # 샤드를 BATCHSIM_SHARD, GitLab, CircleCI에서 읽기
  $ train sweep exp.json --shard auto
  # 기준에 못 미친 실행이 있으면 종료 코드 3
  $ train sweep exp.json --assert 'finalLoss < 0.5'
  # 요약 표를 검증 정확도가 좋은 순서로 정렬
  $ train sweep exp.json --metric val_accuracy

멈춘 스윕은 같은 명령을 다시 실행하면 마저 끝납니다. --out에 이미 있는 실행은
건너뜁니다.
--assert에는 숫자, < <= > >= == !=, && || !, 괄호와 다음 필드를 씁니다:
  ${p.fields}
종료 코드: 0 완료, 2 잘못된 입력, 3 --assert 실패, 130/143 중단됨.`,
  'help.sweep.experiment': () => '실험 파일 (.json, .yaml): camelCase로 쓴 train 옵션과 "grid"',
  'help.sweep.out': () => '결과 파일. 이어 쓰므로 중단해도 다시 실행하면 이어서 진행 (기본값: 현재 폴더의 <name>.jsonl 또는 <name>.shard-i-of-n.jsonl)',
  'help.sweep.jobs': () => '워커 스레드 수 (기본값: 코어 수)',
  'help.sweep.shard': () => 'n개 샤드 중 i번째만 실행 (정렬된 그리드를 라운드 로빈으로 나눔), 또는 auto로 CI에서 읽기 (auto/n: 샤드 n개, Kubernetes Indexed Job용)',
  'help.sweep.assert': () => "모든 실행이 만족하지 않으면 종료 코드 3, 예: 'finalLoss < 0.5 && !diverged'",
  'help.sweep.noTimings': () => '걸린 시간을 기록하지 않기 (결과 파일을 diff로 비교 가능)',
  'help.sweep.metric': (p) =>
    `스윕이 끝나면 요약 표와 차트를 (merge처럼) 출력하고, 행은 이 기록의 마지막 에포크 값으로 좋은 순서로 정렬: ${p.names}`,
  'help.sweep.quiet': () => '실행이 끝날 때마다 찍는 한 줄 생략',

  'help.merge': () => '스윕의 결과 파일(샤드당 하나)을 합치고, 실험과 대조한 뒤 실행 결과를 보고합니다.',
  'help.merge.examples': () => `
예시:
  # 모든 실행의 표와 차트
  $ train merge part-*.jsonl --experiment exp.json
  # CI 작업 요약에 넣을 Markdown 표 ($GITHUB_STEP_SUMMARY에 덧붙이세요)
  $ train merge part-*.jsonl --experiment exp.json --format markdown
  # SVG 차트와 통과 기준
  $ train merge part-*.jsonl --experiment exp.json --plot loss.svg \\
      --assert 'finalLoss < 0.5'

종료 코드: 0 완료, 1 빠졌거나 중복되었거나 다른 곳에서 온 실행이 있을 때,
2 잘못된 입력, 3 --assert 실패.`,
  'help.merge.files': () => 'train sweep이 쓴 결과 파일',
  'help.merge.experiment': () => '스윕이 실행한 실험 파일',
  'help.merge.assert': () => "모든 실행이 만족하지 않으면 종료 코드 3, 예: 'finalLoss < 0.5'",
  'help.merge.noTimings': () => '시간 열 비우기 (출력을 diff로 비교 가능)',
  'help.merge.noColor': () => '터미널에서도 색을 쓰지 않기',

  'what.batchSize': () => '배치 크기',
  'what.batchSizes': () => '배치 크기 목록',
  'what.epochs': () => '에포크 수',
  'what.warmupEpochs': () => '워밍업 에포크 수',
  'what.lrScaling': () => '학습률 조정 규칙',
  'what.learningRate': () => '학습률',
  'what.learningRates': () => '학습률 목록',
  'what.momentum': () => '모멘텀',
  'what.noise': () => '노이즈',
  'what.validationSplit': () => '검증 비율',
  'what.testSplit': () => '테스트 비율',
  'what.samples': () => '샘플 수',
  'what.features': () => '특성 수',
  'what.seeds': () => '시드 수',
  'what.jobs': () => '작업 수',
  'what.optimizer': () => '옵티마이저',
  'what.metric': () => '지표',
  'what.loss': () => '손실 함수',
  'what.syntheticData': () => '합성 데이터 종류',
  'what.onNanPolicy': () => '--on-nan 정책',
  'what.verbosity': () => '출력 수준',
  'what.language': () => '언어',
  'what.lossReport': () => '손실 보고 방식',
  'what.style': () => '스타일',
  'what.xAxis': () => 'x축',
  'what.format': () => '형식',
  'parse.wholeNumber': (p) => `${topic(p.what)} ${p.min} 이상의 정수여야 합니다. 예: ${p.example}.`,
  'parse.atLeast': (p) => `${topic(p.what)} ${p.min} 이상이어야 합니다. 받은 값: ${p.value}.`,
  'parse.atMost': (p) => `${topic(p.what)} ${p.max} (2^31 − 1) 이하여야 합니다.`,
  'parse.positiveNumber': (p) => `${topic(p.what)} 0보다 큰 수여야 합니다. 예: ${p.example}.`,
  'parse.notPositive': (p) => `${topic(p.what)} 0보다 커야 합니다. 받은 값: ${p.value}.`,
  'parse.numberInRange': (p) => `${topic(p.what)} ${p.range} 범위의 수여야 합니다. 예: ${p.example}.`,
  'parse.outOfRange': (p) => `${topic(p.what)} ${p.range} 범위여야 합니다. 받은 값: ${p.value}.`,
  'parse.unknownName': (p) => `알 수 없는 ${p.what}입니다: "${p.text}".${suggested(p.suggestion)} 다음 중 하나를 고르세요: ${p.names}.`,
  'parse.list': (p) => `${topic(p.what)} 빈 항목 없이 쉼표로 구분한 목록이어야 합니다. 예: ${p.example}.`,
  'parse.layer': (p) => (p.several ? `${p.index}번째 층("${p.item}")` : `"${p.item}"`),
  'parse.layerEmpty': (p) => `${p.index}번째 층이 비어 있습니다. 층마다 units[:activation]을 주세요. 예: ${p.example}.`,
  'parse.layerColons': (p) => `${p.layer}에 ":"가 둘 이상 있습니다. units[:activation] 형식으로 쓰세요. 예: ${p.example}.`,
  'parse.layerUnits': (p) => `${p.layer}: units는 1에서 1000000 사이의 정수여야 합니다. 예: ${p.example}.`,
  'parse.layerActivation': (p) => `${p.layer}: 알 수 없는 활성화 함수입니다: "${p.activation}".${suggested(p.suggestion)} 다음 중 하나를 고르세요: ${p.names}.`,
  'parse.emptyColumn': () => '열 이름은 비어 있으면 안 됩니다. 예: --target y 또는 --target y1,y2.',
  'parse.columnTwice': () => '같은 열이 두 번 지정되었습니다. 타깃 열은 한 번씩만 쓰세요.',
  'parse.seed': () => '시드는 0에서 4294967295 사이의 정수여야 합니다. 예: 42.',

  'options.strayForSynthetic': (p) => `${p.flag}: --synthetic 데이터에만 쓰는 옵션입니다. --synthetic linear 등을 추가하거나 ${p.flag} 옵션을 빼세요`,
  'options.syntheticAndData': () => '--synthetic은 데이터를 생성하고 --data는 파일에서 읽습니다. 둘 중 하나만 주세요',
  'options.syntheticTooBig': (p) =>
    `--samples ${p.samples}, --features ${p.features}에는 약 ${p.gib} GiB가 필요합니다. --samples를 ${p.most} 이하로 주세요`,
  'options.momentumWithAdam': () => '--momentum은 --optimizer sgd나 rmsprop에 쓰며 adam에는 쓰지 않습니다. --momentum을 빼거나 sgd를 고르세요',
  'options.nesterovOptimizer': (p) => `--nesterov는 --optimizer sgd에 쓰며 ${p.optimizer}에는 쓰지 않습니다. --nesterov를 빼거나 sgd를 고르세요`,
  'options.nesterovMomentum': () => '--nesterov에는 모멘텀이 필요합니다. 예: --momentum 0.9를 추가하세요',
  'options.warmupWithoutScaling': () => '--warmup-epochs는 학습률을 기준 학습률에서 조정된 학습률까지 올립니다. --lr-scaling linear 또는 sqrt를 추가하세요',
  'options.baseBatchSizeWithoutScaling': () => '--base-batch-size는 조정 규칙에서 --lr이 맞춰진 배치 크기입니다. --lr-scaling linear 또는 sqrt를 추가하거나 빼세요',
  'options.targetWithoutData': () => '--target은 --data CSV 파일의 열을 지정합니다. --data <file>을 추가하거나 --target을 빼세요',
  'options.datasetAndData': (p) => `--dataset은 내장 데이터셋을, ${p.other}${p.other === '--data' ? '는' : '은'} 다른 데이터 출처를 지정합니다. 둘 중 하나만 주세요`,
  'options.dropMissingWithoutData': () => '--drop-missing은 --data CSV 파일의 행을 뺍니다. --data <file>을 추가하거나 --drop-missing을 빼세요',
  'options.classificationLossOnRegression': (p) =>
    `--loss ${p.loss}${particle(p.loss, '은', '는')} 분류 손실인데 --dataset ${p.dataset}${particle(p.dataset, '은', '는')} 회귀 데이터셋입니다 (타깃 ${p.target}). --loss mae, mse, huber 중 하나를 쓰세요`,
  'options.saveOverData': (p) => `--save-weights ${p.file}: --data 파일을 덮어쓰게 됩니다. 가중치는 다른 파일에 쓰세요`,
  'train.modelTooBig': (p) =>
    `--layers ${p.layers}: 특성이 ${p.features}개면 가중치가 ${p.weights}개이고, 학습하는 동안 메모리가 약 ${p.size} 필요합니다. batchsim은 작은 모델(최대 ${p.limit})만 학습하므로 층 수나 크기를 줄이세요`,
  'train.batchTooBig': (p) =>
    `배치 하나(샘플 ${p.rows}개)를 --layers ${p.layers}에 통과시키려면 메모리가 약 ${p.size} 필요합니다. batchsim은 ${p.limit} 안에서 동작하므로 --batch-size를 ${p.most} 이하로 주세요`,
  'train.layersOutputs': (p) =>
    `--layers ${p.layers}의 마지막 층은 유닛 ${p.outputs}개인데 데이터의 타깃 열은 ${p.targets}개입니다. 마지막 층의 유닛을 ${p.targets}개로 하세요`,
  'train.softmaxOneUnit': (p) =>
    `--layers ${p.layers}: 마지막 층이 유닛 1개의 softmax라 출력이 언제나 1입니다. --loss binary_crossentropy와 1:sigmoid를 쓰거나 클래스마다 유닛을 하나씩 두세요`,
  'train.metricNeedsCrossentropy': (p) =>
    `--metrics ${p.metric}에는 ${josa(p.loss, '이', '가')} 아닌 교차 엔트로피 손실이 필요합니다. --loss binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy 중 하나를 고르거나 --metrics mae,mse를 쓰세요`,
  'train.crossentropyColumns': (p) =>
    `--loss ${topic(p.loss)} 출력 유닛 ${p.units}개에 대해 샘플마다 타깃 열 ${p.columns}개를 읽는데 데이터의 타깃 열은 ${p.targets}개입니다. 마지막 층을 클래스 수에 맞추거나 --loss를 바꾸세요`,
  'train.sparseLabel': (p) =>
    `샘플 ${p.sample}: 클래스 레이블 ${topic(p.value)} 0부터 ${p.most}까지의 정수여야 합니다. --loss sparse_categorical_crossentropy에는 샘플마다 마지막 층 유닛 수보다 작은 클래스 번호 하나가 필요합니다`,
  'train.notOneHot': (p) =>
    `샘플 ${p.sample}: 타깃 열이 원-핫(1 하나, 나머지 0)이 아닙니다. --loss categorical_crossentropy에는 원-핫 행이 필요합니다. 클래스 번호 열 하나라면 sparse_categorical_crossentropy를 쓰세요`,
  'train.binaryTarget': (p) =>
    `샘플 ${p.sample}: 타깃 값 ${josa(p.value, '이', '가')} [0, 1] 범위를 벗어났습니다. --loss binary_crossentropy에는 0에서 1 사이의 타깃이 필요합니다`,
  'train.validationSplit': (p) =>
    `--validation-split ${p.split}: 샘플 ${p.samples}개에서는 학습용이나 검증용 부분이 비게 됩니다. ${p.low}에서 ${p.high} 사이의 비율을 고르세요`,
  'train.testSplit': (p) =>
    `--test-split ${p.split}: 샘플 ${p.samples}개 중 학습이나 테스트 부분에 남는 샘플이 없습니다. 양쪽에 샘플이 하나 이상 남는 비율을 고르세요 (예: 0.2)`,
  'train.classes': (p) => `클래스: ${p.classes}`,
  'train.dropped': (p) => `빠진 값이 있는 행 ${p.dropped}개를 뺐습니다 (첫 행: ${p.line}행). ${p.kept}개가 남았습니다`,
  'train.testHeader': (p) => `테스트 (떼어 둔 샘플 ${p.samples}개, 학습에 쓰지 않음):`,
  'train.emitKerasJson': () => '--emit-keras는 학습 대신 Python 스크립트를 출력합니다. --json을 빼세요',
  'train.interruptedAgain': (p) => `다시 중단되었습니다 (${p.signal}). 결과 없이 바로 종료합니다`,
  'sweep.interruptedAgain': (p) => `다시 중단되었습니다 (${p.signal}). 바로 종료합니다. ${p.file}에 이미 기록된 실행은 그대로 남습니다`,
  'train.noiseScaleInitial': (p) => `초기 가중치의 기울기 잡음 척도: B_simple ${p.bSimple} (tr Σ ${p.traceSigma}, |G|² ${p.gradNormSquared})`,
  'train.noiseScale': (p) => `기울기 잡음 척도: B_simple ${p.bSimple} (tr Σ ${p.traceSigma}, |G|² ${p.gradNormSquared})`,
  'train.weightsNotWritten': (p) => `--save-weights: 최종 가중치가 NaN이나 무한대라서 ${p.file} 파일을 쓰지 않았습니다`,
  'train.lossWentOn': (p) => `에포크 ${p.epoch}, 배치 ${p.batch}에서 loss가 NaN이나 무한대가 되었습니다. 학습은 계속했습니다 (--on-nan continue)`,
  'train.interrupted': (p) =>
    p.updates === 0
      ? `중단되었습니다 (${p.signal}): 첫 스텝 전이라 학습한 것이 없습니다${p.weights === null ? '' : `. 초기 가중치는 ${p.weights} 파일에 있습니다`}`
      : `중단되었습니다 (${p.signal}): 에포크 ${p.epoch}/${p.epochs}에서 업데이트 ${p.updates}번까지 진행했습니다${p.weights === null ? '' : `. 지금까지의 가중치는 ${p.weights} 파일에 있습니다`}`,

  'fs.noSuchFile': () => '파일이 없습니다',
  'fs.permissionDenied': () => '권한이 없습니다',
  'fs.isDirectory': () => '디렉터리입니다',
  'fs.notDirectory': () => '경로의 일부가 디렉터리가 아닙니다',
  'fs.readOnly': () => '읽기 전용 파일 시스템입니다',
  'fs.other': (p) => p.message,
  'files.notRegular': (p) => `${p.file}에 쓸 수 없습니다: 일반 파일이 아닌 것이 이미 있습니다. 다른 파일 이름을 주세요`,
  'files.cannotWrite': (p) => `${p.file}에 쓸 수 없습니다: ${p.reason}`,
  'files.noFolder': (p) => `${p.option} ${p.file}: 폴더 ${josa(p.folder, '이', '가')} 없습니다. 먼저 만들거나 다른 경로를 고르세요`,
  'files.parentNotFolder': (p) => `${p.option} ${p.file}: ${p.folder}: 폴더가 아닙니다`,
  'files.isFolder': (p) => `${p.option} ${p.file}: 폴더입니다. 파일 이름을 주세요`,
  'files.emptyPath': (p) => `이름이 비어 있습니다. ${p.folder ? '폴더' : '파일'} 이름을 주세요`,
  'files.notRegularFile': (p) => `${p.option} ${p.file}: 일반 파일이 아닙니다 (장치, 파이프 또는 소켓). 파일 이름을 주세요`,
  'files.cannotCreateIn': (p) => `${p.option} ${p.file}: ${p.folder}에 파일을 만들 수 없습니다 (${p.reason}). 다른 경로를 고르세요`,
  'files.cannotCreateFolder': (p) => `${p.option} ${p.folder}: 폴더를 만들 수 없습니다 (${p.reason}). 다른 경로를 고르세요`,
  'files.notAFolder': (p) => `${p.option} ${p.folder}: 이미 있으며 폴더가 아닙니다`,
  'files.cannotCreateInFolder': (p) => `${p.option} ${p.folder}: 이 폴더에 파일을 만들 수 없습니다 (${p.reason}). 다른 경로를 고르세요`,

  'data.isDirectory': (p) => `${p.file}: 데이터 파일이 아니라 디렉터리입니다. --data에는 .csv나 .json 파일을 주세요`,
  'data.notRegular': (p) => `${p.file}: 일반 파일이 아닙니다 (파이프, 소켓 또는 장치). 데이터를 .csv나 .json 파일로 저장해 --data에 주세요`,
  'data.cannotRead': (p) => `데이터 파일을 읽을 수 없습니다: ${p.file}: ${p.reason}${p.hint ? '. --data에 준 경로를 확인하세요' : ''}`,
  'data.empty': (p) => `${p.file}: 빈 파일입니다. 데이터 파일에는 헤더 행과 데이터 행이 하나 이상 있어야 합니다`,
  'data.binary': (p) => `${p.file}: 텍스트 파일이 아닙니다 (NUL 바이트 포함). --data에는 CSV나 JSON 파일을 주세요`,
  'data.notJsonStart': (p) =>
    `${p.file}: JSON 데이터 파일로 보이지 않습니다: 시작 부분이 {가 아니라 "${p.start}"입니다. JSON 데이터 파일은 {"x": [1, 2], "y": [2, 4]} 형태입니다`,
  'data.noLineBreak': (p) => `${p.file}: CSV로 보이지 않습니다: 처음 ${p.kib} KiB 안에 줄바꿈이 없습니다. 헤더 행이 있는 CSV 파일을 주세요`,
  'data.crOnly': (p) => `${p.file}: 줄이 캐리지 리턴(CR)만으로 끝납니다(옛 Mac 줄 끝). LF나 CRLF 줄 끝으로 저장하세요. 예: tr '\\r' '\\n'`,
  'data.controlCharacters': (p) => `${p.file}: CSV로 보이지 않습니다: 제어 문자가 들어 있습니다. CSV나 JSON 텍스트 파일을 주세요`,
  'data.emptyHeader': (p) => `${p.file}: 1행이 비어 있습니다. 첫 행에는 열 이름이 있어야 합니다. 예: x,y`,
  'data.emptyColumnName': (p) => `${p.file}: 1행 ${p.column}열: 열 이름이 비어 있습니다. 헤더 행의 모든 열에 이름을 붙이세요`,
  'data.headerIsData': (p) => `${p.file}: 1행이 헤더가 아니라 데이터로 보입니다 ("${p.name}"). 열 이름을 적은 헤더 행을 추가하세요. 예: x,y`,
  'data.duplicateColumn': (p) => `${p.file}: 1행: 열 이름 "${p.name}"${particle(p.name, '이', '가')} 두 번 나옵니다 (${p.first}열과 ${p.second}열). 이름을 서로 다르게 하세요`,
  'data.singleColumn': (p) =>
    `${p.file}: 1행에 열이 하나뿐입니다 ("${p.header}"). ${
      p.separator === null
        ? '특성 열과 타깃 열을 하나 이상씩 주세요. 예: x,y'
        : `${p.separator === '\t' ? '탭' : `"${p.separator}"`} 대신 쉼표로 열을 구분하세요`
    }`,
  'data.allTargets': (p) => `${p.file}: 모든 열이 타깃이라 특성 열이 남지 않습니다. --target에 열을 더 적게 지정하세요`,
  'data.noRows': (p) => `${p.file}: 헤더 한 줄뿐입니다. 그 아래에 데이터 행을 추가하세요`,
  'data.cellCount': (p) => `${p.file}: ${p.line}행: 칸이 ${p.cells}개인데 헤더의 열은 ${p.columns}개입니다. 모든 행에 칸을 ${p.columns}개씩 주세요`,
  'data.emptyCell': (p) => `${p.file}: ${p.line}행 ${p.column}열 (${p.name}): 빈 칸입니다. 숫자를 채우거나 --drop-missing으로 그런 행을 빼세요`,
  'data.missingValue': (p) => `${p.file}: ${p.line}행 ${p.column}열 (${p.name}): 값이 없습니다 ("${p.cell}"). 숫자를 채우거나 --drop-missing으로 그런 행을 빼세요`,
  'data.labelAfterNumbers': (p) =>
    `${p.file}: ${p.line}행 ${p.column}열 (${p.name}): "${p.cell}"${particle(p.cell, '은', '는')} 수가 아닌데, 이 열의 위쪽(${p.numberLine}행)에는 숫자가 있습니다. 모두 숫자로 쓰거나 모든 클래스를 텍스트 레이블로 쓰세요`,
  'data.numberAfterLabels': (p) =>
    `${p.file}: ${p.line}행 ${p.column}열 (${p.name}): ${p.cell}${particle(p.cell, '은', '는')} 숫자인데, 이 열의 위쪽(${p.labelLine}행)에는 텍스트 레이블이 있습니다. 모든 클래스를 텍스트 레이블로 쓰거나 모두 숫자로 쓰세요`,
  'data.allMissing': (p) => `${p.file}: ${p.rows}개 행 모두 값이 빠져 있어 --drop-missing 후 학습할 데이터가 남지 않습니다. 값을 채우세요`,
  'data.notANumber': (p) =>
    `${p.file}: ${p.line}행 ${p.column}열 (${p.name}): ${p.infinite ? '유한한 수가 아닌' : '수가 아닌'} 값이 있습니다 ("${p.cell}"). 일반 십진수를 쓰세요`,
  'data.labelNeedsClassification': (p) =>
    `${p.file}: ${p.line}행 ${p.column}열 (${p.name}): "${p.cell}"${particle(p.cell, '은', '는')} 수가 아닙니다. 텍스트 클래스 레이블에는 분류 손실(--loss sparse_categorical_crossentropy)이 필요합니다. 아니면 숫자를 쓰세요`,
  'data.tooLarge': (p) => `${p.file}: ${p.line}행 ${p.column}열 (${p.name}): ${p.cell}: float32로 나타내기에는 너무 큰 수입니다`,
  'data.unknownTarget': (p) => `${p.file}: --target의 열 "${p.name}"${particle(p.name, '이', '가')} 헤더에 없습니다 (열: ${p.columns})`,
  'dataset.unknown': (p) => `--dataset: "${p.name}"라는 내장 데이터셋은 없습니다. ${p.names} 중에서 고르세요`,
  'dataset.missingFile': (p) => `--dataset ${p.name}: 파일을 읽을 수 없습니다 (${p.reason}). batchsim을 다시 설치하세요`,
  'data.notJson': (p) => `${p.file}: 올바른 JSON이 아닙니다 (${p.message}). JSON 데이터 파일은 {"x": [1, 2], "y": [2, 4]} 형태입니다`,
  'data.notXy': (p) => `${p.file}: JSON 데이터 파일은 "x"와 "y" 배열을 가진 객체여야 합니다. 예: {"x": [1, 2], "y": [2, 4]}`,
  'data.lengths': (p) => `${p.file}: "x"의 샘플은 ${p.x}개인데 "y"는 ${p.y}개입니다. 둘의 개수를 같게 하세요`,
  'data.noSamples': (p) => `${p.file}: "x"와 "y"가 비어 있습니다. 샘플을 추가하세요`,
  'data.notArray': (p) => `${p.where}: 수의 배열이나, 길이가 같은 수 배열들의 배열이어야 합니다`,
  'data.emptySample': (p) => `${p.where}[0]: 빈 배열입니다. 샘플마다 값이 하나 이상 있어야 합니다`,
  'data.mixed': (p) => `${p.where}[${p.row}]: 수와 배열이 섞여 있습니다. 모든 샘플에 같은 형태를 쓰세요`,
  'data.width': (p) => `${p.where}[${p.row}]: 값이 ${p.values}개인데 ${p.where}[0]은 ${p.width}개입니다. 모든 샘플의 값 개수를 같게 하세요`,
  'data.notFinite': (p) => `${p.where}: 유한한 수가 아닌 값이 있습니다 (${p.value})`,

  'weights.cannotRead': (p) => `가중치 파일을 읽을 수 없습니다: ${p.file}: ${p.reason}${p.hint ? '. --weights에 준 경로를 확인하세요' : ''}`,
  'weights.notJson': (p) => `${p.file}: 올바른 JSON이 아닙니다 (${p.message}). 가중치 파일은 [[[0.5]], [0]] 형태입니다`,
  'weights.notArray': (p) => `${p.source}: 가중치는 JSON 배열 [W0, b0, W1, b1, ...] (Keras get_weights() 순서)이어야 합니다`,
  'weights.count': (p) =>
    `${p.source}: 배열이 ${p.arrays}개인데 모델은 층 ${p.layers}개로 ${p.expected}개가 필요합니다 ([W0, b0, ...]). --layers를 가중치에 맞추세요`,
  'weights.kernelShape': (p) =>
    `${p.source}: ${p.layer}번째 층의 커널(W${p.index}) 모양은 ${p.shape}인데 모델에는 [${p.inputs}, ${p.units}] 모양(입력 × 유닛)이 필요합니다. --layers와 데이터의 특성 수를 확인하세요`,
  'weights.biasShape': (p) => `${p.source}: ${p.layer}번째 층의 편향(b${p.index}) 모양은 ${p.shape}인데 모델에는 [${p.units}] 모양이 필요합니다`,
  'weights.notFinite': (p) => `${p.source}: ${p.where}: 유한한 float32 수가 아닌 값이 있습니다 (${p.value})`,
  'weights.aNumber': () => '수',

  'compare.saveWeights': () =>
    '--save-weights는 실행 하나의 가중치를 씁니다. compare는 모든 실행의 최종 가중치를 --format json이나 --out <dir>/runs.json에 담습니다',
  'metric.notTracked': (p) =>
    `--metric ${p.metric}: 이 실행들은 그 값을 기록하지 않습니다. 다음 중 하나를 고르세요: ${p.names}` +
    (p.fix === 'validation' ? ' (val_ 기록에는 --validation-split이 필요합니다, 예: 0.2)' : p.fix === 'metrics' ? ' (--metrics로 기록하세요, 예: --metrics accuracy)' : '') +
    (p.suggestion === null ? '' : `. 혹시 ${p.suggestion} 말인가요?`),
  'table.rankedBy': (p) => `마지막 에포크의 ${p.metric} 기준으로 좋은 순서로 정렬한 행 (${p.higher ? '높을수록' : '낮을수록'} 좋음)`,
  'compare.lrAndLrs': () => '--lr과 --lrs 중 하나만 주세요: 여러 학습률은 --lrs 0.001,0.01로 비교합니다',
  'compare.tooManySeeds': (p) => `--seeds ${p.seeds}: 최대 ${p.max}개입니다. 그보다 적은 시드로도 평균은 안정적입니다`,
  'compare.seedOverflow': (p) => `--seed ${p.seed}, --seeds ${p.seeds}: 시드가 4294967295를 넘습니다. 더 작은 --seed를 고르세요`,
  'compare.jsonAndFormat': (p) => `--json과 --format ${p.format}: 서로 맞지 않습니다. 둘 중 하나만 주세요`,
  'compare.arithmetic': (p) =>
    `배치 ${p.batchSize}: ceil(${p.samples} / ${p.batchSize}) = 에포크당 ${p.steps} 스텝${p.ofAll ? ` (${p.samples}개 전부)` : ''}${p.breakdown}` +
    ` → ${p.epochs} 에포크에 업데이트 ${p.updates}번`,
  'compare.duplicate': (p) => `배치 크기 ${p.batchSize}: ${p.times}번 주어졌지만 한 번만 실행합니다`,
  'compare.largerThanData': (p) => `배치 크기 ${josa(String(p.batchSize), '이', '가')} 샘플 수(${p.samples}개)보다 커서 에포크마다 스텝이 하나뿐입니다`,
  'compare.fewUpdates': (p) =>
    `배치 ${p.batchSize}: ${p.epochs} 에포크에 업데이트 ${p.updates}번뿐이라 비교하기에 너무 적습니다. --epochs ${p.suggested} 이상을 써 보세요`,
  'compare.series': (p) => `배치 ${p.batchSize}${p.rate === null ? '' : `, lr ${p.rate}`}${p.seeds > 1 ? ` (시드 ${p.seeds}개 평균)` : ''}`,
  'compare.runHeader': (p) => `시드 ${p.seed}, lr ${p.rate}`,
  'compare.diverged': (p) =>
    `배치 ${p.batchSize}, lr ${p.rate}, 시드 ${p.seed}: 에포크 ${p.epoch}, 배치 ${p.batch}에서 loss가 NaN이나 무한대가 되었습니다. ` +
    (p.stopped ? '학습을 멈췄습니다' : '학습은 계속했습니다 (--on-nan continue)'),
  'compare.overhead': (p) =>
    `참고: 샘플 ${p.samples}개 × 가중치 ${p.parameters}개로는 계산량이 너무 적어서, 여기 나온 시간은 배치 크기가 아끼는 계산이 아니라 ` +
    `스텝마다 드는 고정 비용을 잰 것입니다. 속도를 비교하려면 데이터를 늘리세요 (예: --synthetic linear --samples 100000)`,
  'compare.lesson': (p) =>
    `${p.epochs} 에포크 동안 ${topic(`배치 ${p.small}`)} 업데이트를 ${p.smallUpdates}번, ${topic(`배치 ${p.large}`)} ${p.largeUpdates}번 했고 ` +
    `최종 loss는 ${p.smallLoss} 대 ${p.largeLoss}입니다. ` +
    (p.lower ? '작은 배치가 더 자주 업데이트해서 더 멀리 갔습니다' : '노이즈가 많은 잦은 업데이트가 여기서는 도움이 되지 않았습니다') +
    (p.perUpdate === null
      ? ''
      : p.perUpdate.coincide
        ? `. 업데이트 횟수로 맞춰 보면 두 곡선은 거의 겹칩니다 (처음 업데이트 ${p.perUpdate.updates}번 동안 차이가 loss 범위의 ${p.perUpdate.percent}% 이내)`
        : `. 업데이트 횟수로 맞춰 봐도 두 곡선은 다릅니다: 업데이트 ${p.perUpdate.at}번 뒤 loss는 ${topic(`배치 ${p.small}`)} ${p.perUpdate.smallLoss}, ` +
          `${topic(`배치 ${p.large}`)} ${p.perUpdate.largeLoss}입니다 (loss 범위의 ${p.perUpdate.percent}%만큼 차이)`) +
    (p.suggestX ? '. 업데이트 횟수 기준으로 비교하려면 --x update를 써 보세요' : ''),
  'compare.interrupted': (p) =>
    `중단되었습니다 (${p.signal}): 실행 ${p.total}개 중 ${p.finished}개를 마쳤습니다. 결과에는 마친 실행만 담깁니다 (JSON에는 "interrupted": true)`,
  'compare.sampleData': () => '샘플 데이터 (x = y = 1..6)',
  'compare.syntheticData': (p) => `합성 ${p.kind} 데이터`,
  'compare.seeds': (p) => (p.last === null ? `시드 ${p.first}` : `시드 ${p.first}–${p.last}`),
  'compare.weightsFile': (p) => `가중치 ${p.file}`,
  'compare.epochs': (p) => `${p.epochs} 에포크`,
  'compare.lossName': (p) => `${p.loss} 손실`,
  'compare.title': (p) => `배치 크기별 ${p.metric === null ? '학습 손실' : p.metric}: ${p.data}, ${p.model}`,
  'compare.details': (p) => `${p.loss} 손실, ${p.optimizer}${p.rate === null ? '' : ` lr ${p.rate}`}, ${p.epochs}, ${p.start}${p.shuffle ? '' : ', 셔플 없음'}`,
  'compare.legend': () => '실행',
  'compare.scaledRate': (p) =>
    `배치 크기 ${p.baseBatchSize}에서 ${p.rate}, ${p.rule === 'sqrt' ? '제곱근 규칙' : '선형 규칙'}으로 조정${p.warmupEpochs > 0 ? `, 워밍업 ${p.warmupEpochs} 에포크` : ''}`,

  'table.batch': () => '배치',
  'table.lr': () => 'lr',
  'table.stepsPerEpoch': () => '스텝/에포크',
  'table.updates': () => '업데이트',
  'table.finalLoss': () => '최종 손실',
  'table.bestLoss': () => '최저 손실 (에포크)',
  'table.endLoss': () => '전체 데이터 손실',
  'table.valLoss': () => 'val_loss',
  'table.timePerEpoch': () => '시간/에포크',
  'table.timePerStep': () => '시간/스텝',
  'table.samplesPerSecond': () => '샘플/초',
  'table.hidden': (p) => `(이 너비에서는 ${p.columns} 열을 뺐습니다. 터미널을 넓히거나 --format markdown을 쓰세요)`,
  'chart.loss': (p) => (p.loss === null ? '손실' : `손실 (${p.loss})`),
  'chart.x.epoch': () => '에포크',
  'chart.x.update': () => '옵티마이저 업데이트',
  'chart.x.samples': () => '학습한 샘플 수',
  'chart.sameAs': (p) => `${p.label}: 손실 값이 ${p.other} 쪽과 똑같아서 선 하나로 겹쳐 그렸습니다`,
  'chart.sameAsLegend': (p) => `${p.label} (${josa(p.other, '과', '와')} 같은 값)`,
  'chart.overlap': () => '두 개 이상의 선이 겹치는 곳',
  'chart.nothingToPlot': (p) => `${p.title}: 그릴 유한한 값이 없습니다`,

  'experiment.cannotRead': (p) => `실험 파일을 읽을 수 없습니다: ${p.file}: ${p.reason}`,
  'experiment.notParsable': (p) =>
    `${p.file}: 올바른 ${p.format}이 아닙니다 (${p.message}). 실험 파일은 {"epochs": 10, "grid": {"batchSize": [1, 6]}} 형태입니다`,
  'experiment.problem': (p) => `${p.file}: ${p.problem}`,
  'experiment.problems': (p) => `${p.file}: 문제 ${p.problems.length}개: ${p.problems.map((problem, i) => `(${i + 1}) ${problem}`).join(' ')}`,
  'experiment.at': (p) => `${p.where}: ${p.problem}`,
  'experiment.atPoint': (p) => `그리드 점 ${p.point}: ${p.problem}`,
  'experiment.setTwice': (p) => `${p.name}: 최상위와 grid 양쪽에 설정되어 있습니다. 한쪽만 남기세요`,
  'experiment.listedTwice': (p) => `grid.${p.name}: ${p.value} 값이 두 번 나옵니다. 값은 한 번씩만 주세요`,
  'experiment.tooManyRuns': (p) => `grid의 점이 ${p.size}개로 최대 ${p.max}개를 넘습니다. 실험을 여러 파일로 나누세요`,
  'experiment.unknownKey': (p) => `알 수 없는 키입니다: "${p.key}".${p.suggestion === null ? ` 쓸 수 있는 키: ${p.known}.` : suggested(p.suggestion)}`,
  'experiment.notObject': (p) => `파일에는 옵션 객체 하나가 있어야 합니다. 예: {"epochs": 10}. 들어 있는 것: ${p.value}`,
  'experiment.expected': (p) => `와야 할 값: ${p.expected}, 받은 값: ${p.value}`,
  'experiment.emptyArray': (p) => `비어 있습니다. 값을 ${p.minimum}개 이상 주세요`,
  'experiment.emptyString': () => '비어 있습니다',
  'experiment.bound': (p) => `${p.op} ${josa(String(p.limit), '이어야', '여야')} 합니다. 받은 값: ${p.value}`,
  'experiment.tooLong': (p) => `너무 깁니다 (최대 ${p.maximum})`,
  'experiment.notOneOf': (p) => `${p.value}: ${p.names} 중 하나가 아닙니다.${suggested(p.suggestion)}`,
  'experiment.badName': (p) => `${p.value}: 글자, 숫자, ".", "_", "-"만 쓸 수 있고 글자나 숫자로 시작해야 합니다`,
  'experiment.badTarget': (p) => `열 이름이나 이름의 배열이어야 합니다. 예: "y" 또는 ["y1", "y2"]. 받은 값: ${p.value}`,
  'experiment.momentumWithAdam': () => 'momentum은 optimizer sgd나 rmsprop에 쓰며 adam에는 쓰지 않습니다. momentum을 빼거나 sgd를 고르세요',
  'experiment.nesterovOptimizer': (p) => `nesterov는 optimizer sgd에 쓰며 ${p.optimizer}에는 쓰지 않습니다. nesterov를 빼거나 sgd를 고르세요`,
  'experiment.nesterovMomentum': () => 'nesterov에는 0보다 큰 momentum이 필요합니다. 예: "momentum": 0.9',
  'experiment.targetWithoutData': () => 'target은 data CSV 파일의 열을 지정합니다. "data"를 추가하거나 "target"을 빼세요',
  'experiment.datasetAndData': () => '"dataset"은 내장 데이터셋을, "data"는 데이터 파일을 지정합니다. 둘 중 하나만 남기세요',
  'experiment.dropMissingWithoutData': () => 'dropMissing은 data CSV 파일의 행을 뺍니다. "data"를 추가하거나 "dropMissing"을 빼세요',
  'experiment.classificationLossOnRegression': (p) =>
    `loss ${p.loss}${particle(p.loss, '은', '는')} 분류 손실인데 dataset ${p.dataset}${particle(p.dataset, '은', '는')} 회귀 데이터셋입니다 (타깃 ${p.target}). "loss": "mae", "mse", "huber" 중 하나를 쓰세요`,
  'experiment.targetNames': () => 'target에는 각 열을 빈 이름 없이 한 번씩만 지정하세요. 예: "y" 또는 ["y1", "y2"]',
  'value.nothing': () => '없음',
  'value.array': () => '배열',
  'value.object': () => '객체',
  'value.number': () => '수',
  'value.wholeNumber': () => '정수',
  'value.string': () => '문자열',
  'value.boolean': () => 'true 또는 false',

  'shard.notIOfN': (p) => `"${p.text}": i/n 형식이 아닙니다. 예: 샤드 세 개 중 두 번째는 2/3`,
  'shard.total': (p) => `샤드 ${p.total}개: 샤드 수는 1에서 ${p.max} 사이로 주세요`,
  'shard.index': (p) => `샤드 ${p.total}개 중 ${p.index}번: 번호는 1부터 ${p.total}까지입니다`,
  'shard.orAuto': (p) => `${p.problem}. 또는 auto를 주어 CI 변수에서 읽으세요.`,
  'shard.notWhole': (p) => `--shard auto: ${p.name}=${p.value}: 정수가 아닙니다`,
  'shard.missingVariable': (p) => `--shard auto: ${topic(p.set)} 설정되어 있지만 ${topic(p.missing)} 없습니다. 둘 다 설정하거나 둘 다 빼세요`,
  'shard.autoTotal': (p) => `--shard auto: ${p.source}에 따르면 샤드가 ${p.total}개입니다. 1에서 ${p.max} 사이여야 합니다`,
  'shard.autoIndex': (p) => `--shard auto: ${p.source}에 따르면 샤드 ${p.total}개 중 ${p.index}번인데, 1..${p.total} 범위를 벗어납니다`,
  'shard.kubernetesTotal': (p) =>
    `--shard auto: JOB_COMPLETION_INDEX=${p.index}로 샤드 번호는 알지만 샤드가 모두 몇 개인지는 알 수 없습니다. --shard auto/N을 주거나 BATCHSIM_SHARD_TOTAL=N(Job의 completions)을 설정하세요`,
  'shard.autoTotalDiffers': (p) =>
    `--shard auto/${p.given}: ${p.source}에 따르면 샤드가 ${p.given}개가 아니라 ${p.total}개입니다. --shard auto를 주거나 두 개수를 맞추세요`,
  'shard.autoVariable': (p) => `--shard auto: BATCHSIM_SHARD: ${p.problem}`,
  'sweep.noShardVariables': () => '--shard auto: CI 샤드 변수(BATCHSIM_SHARD, CI_NODE_INDEX, CIRCLE_NODE_INDEX, JOB_COMPLETION_INDEX)가 없어 그리드 전체를 실행합니다',
  'sweep.shardFrom': (p) => `--shard auto: ${p.source}에 따라 샤드 ${p.index}/${p.total}만 실행합니다`,
  'sweep.layersOutputs': (p) =>
    `layers "${p.layers}"의 마지막 층은 유닛 ${p.outputs}개인데 ${p.data}의 타깃 열은 ${p.targets}개입니다. 마지막 층의 유닛을 ${p.targets}개로 하세요`,
  'sweep.validationSplit': (p) => `validationSplit ${p.split}: 샘플 ${p.samples}개에서는 학습용이나 검증용 부분이 비게 됩니다`,
  'sweep.testSplit': (p) => `testSplit ${p.split}: 샘플 ${p.samples}개 중 학습이나 테스트 부분에 남는 샘플이 없습니다. 양쪽에 샘플이 하나 이상 남는 비율을 고르세요 (예: 0.2)`,
  'sweep.tornLineDropped': (p) => `${p.file}: 중단된 스윕이 남긴 반쯤 쓴 마지막 줄을 버렸습니다`,
  'sweep.foreignRuns': (p) =>
    `${p.file}에 이 ${p.shard ? '샤드' : '스윕'}에 속하지 않는 실행이 ${p.count}개 있습니다 (다른 실험, 설정 또는 버전). 그대로 둡니다`,
  'sweep.interrupted': (p) => `중단되었습니다: 실행 ${p.total}개 중 ${p.present}개가 ${p.file}에 있습니다. 같은 명령을 다시 실행하면 나머지를 마저 실행합니다`,
  'sweep.diverged': (p) => `실행 ${p.count}개가 발산했습니다 (NaN이나 무한대 loss). ${p.file}의 "stopped"를 보세요`,
  'sweep.progress': () => '실행 [{bar}] {value}/{total} | 남은 시간 {eta_formatted}',
  'sweep.plan': (p) =>
    `${p.experiment}: 실행 ${p.gridSize}개${p.shard === null ? '' : `, 그중 샤드 ${p.shard}에 ${p.selected}개`}.` +
    `${p.alreadyDone > 0 ? ` ${p.alreadyDone}개는 이미 ${p.file}에 있습니다.` : ''}` +
    `${p.toRun === 0 ? ' 남은 실행이 없습니다' : ` 워커 ${p.workers}개로 ${p.toRun}개를 실행합니다`}`,
  'sweep.run': (p) =>
    `${p.counter} ${p.point}: loss ${p.loss}${p.valLoss === null ? '' : `, val_loss ${p.valLoss}`}${p.metrics === null ? '' : `, ${p.metrics}`}, end_loss ${p.endLoss}, 업데이트 ${p.updates}번` +
    `${p.time === null ? '' : `, ${p.time}`}${p.diverged ? ' (발산: NaN loss)' : ''}`,
  'sweep.done': (p) =>
    `${p.created ? `실행 ${p.written}개를 ${p.file}에 썼습니다` : `쓸 실행이 없어 ${josa(p.file, '을', '를')} 만들지 않았습니다`}. ${p.shard === null ? '' : `샤드 ${p.shard}의 `}실행 ${p.selected}개 중 ${p.present}개가 끝났습니다`,
  'sweep.singleRun': () => '(단일 실행)',
  'sweep.cannotReadWeights': (p) => `가중치 파일을 읽을 수 없습니다: ${p.file}: ${p.reason}`,
  'results.isFolder': (p) => `${p.file}: 결과 파일이 아니라 폴더입니다. .jsonl 파일을 주세요`,
  'results.cannotRead': (p) => `결과 파일을 읽을 수 없습니다: ${p.file}: ${p.reason}`,
  'results.notRecord': (p) =>
    `${p.file}: ${p.line}행은 batchsim 실행 기록이 아닙니다. 손으로 고쳤거나 다른 도구가 쓴 파일입니다: 그 줄을 지우거나 다른 파일을 고르세요`,
  'results.otherVersion': (p) =>
    `${p.file}: ${p.line}행은 스키마 버전 ${p.version}의 실행 기록인데, 이 batchsim은 읽지 않습니다 (버전 ${josa(String(p.expected), '을', '를')} 씁니다). 파일은 그대로 둡니다: 새 결과 파일로 다시 스윕하세요 (--out)`,
  'results.cannotWrite': (p) => `결과 파일에 쓸 수 없습니다: ${p.file}: ${p.reason}`,
  'assert.summary': (p) => `assert ${p.source}: 실행 ${p.total}개 중 ${p.passed}개 통과`,
  'assert.fail': (p) => `  실패 ${p.point}${p.values === '' ? '' : `: ${p.values}`}`,
  'assert.error': (p) => `--assert "${p.source}": ${p.column}번째 글자: ${p.problem}`,
  'assert.notFinite': (p) => `${p.number}: 유한한 수가 아닙니다`,
  'assert.unexpected': (p) => `여기에 올 수 없는 입력입니다: "${p.char}"${p.write === null ? '' : p.write === '==' ? ' (비교는 ==로 쓰세요)' : ` (${p.write}로 쓰세요)`}`,
  'assert.theEnd': () => '식의 끝',
  'assert.unknownField': (p) => `알 수 없는 필드입니다: "${p.name}".${suggested(p.suggestion)} 쓸 수 있는 필드: ${p.fields}`,
  'assert.unclosed': (p) => `${p.column}번째 글자의 "("를 닫을 ")"가 필요합니다. 나온 것: ${p.found}`,
  'assert.expectedValue': (p) => `수, 필드, "!" 또는 "("가 와야 합니다. 나온 것: ${p.found}`,
  'assert.chained': () => '비교는 이어 쓸 수 없습니다. a < b && b < c처럼 쓰세요',
  'assert.empty': () => '식이 비어 있습니다. 예: --assert "finalLoss < 0.5"',
  'assert.tooDeep': (p) => `괄호와 "!"가 ${p.max}단계보다 깊게 중첩되어 있습니다. 더 평평한 식으로 쓰세요`,
  'assert.expectedEnd': (p) => `"&&", "||" 또는 식의 끝이 와야 합니다. 나온 것: ${p.found}`,
  'assert.notOnCondition': () => '"!"는 조건에 씁니다. 예: !(finalLoss < 0.5)',
  'assert.joinsConditions': (p) => `"${p.op}"는 조건을 잇습니다. 수는 비교해서 쓰세요. 예: finalLoss < 0.5`,
  'assert.mixedTypes': (p) => {
    const kind = (type: 'number' | 'boolean'): string => (type === 'number' ? '수' : '참/거짓 값');
    return `"${p.op}": ${josa(kind(p.left), '과', '와')} ${topic(kind(p.right))} 비교할 수 없습니다`;
  },
  'assert.orderedBooleans': (p) => `"${p.op}"는 수를 비교합니다. true/false에는 ==나 !=를 쓰세요`,
  'assert.notCondition': () => '식이 조건이 아니라 수입니다. 비교하세요. 예: finalLoss < 0.5',
  'merge.tornLineIgnored': (p) => `${p.file}: 중단된 스윕이 남긴 반쯤 쓴 마지막 줄을 무시했습니다`,
  'merge.summary': (p) =>
    `${p.experiment}: 그리드 점 ${p.gridSize}개; ` +
    [
      `${p.found}개 찾음`,
      ...(p.missing > 0 ? [`${p.missing}개 빠짐`] : []),
      ...(p.duplicated > 0 ? [`${p.duplicated}개 중복`] : []),
      ...(p.foreign > 0 ? [`${p.foreign}개는 실험에 없음`] : []),
    ].join(', '),
  'merge.missing': (p) => `  빠짐: ${p.point}`,
  'merge.duplicated': (p) => `  중복: ${p.point} (${p.files})`,
  'merge.foreign': (p) => `  실험에 없음: ${p.file}의 ${p.point} (실험 ${p.experiment}, 버전 ${p.version}: 다른 설정이나 버전)`,
  'merge.more': (p) => `  … 외 ${p.count}개`,
  'merge.title': (p) => `스윕 ${p.experiment}: 실행 ${p.runs}개`,
  'merge.allRuns': () => '모든 실행',
  'merge.meanOfSeeds': (p) => `${p.name} (시드 ${p.seeds}개 평균)`,
  'merge.legend': () => '그리드 점',

  'explain.title': () => '이 실행이 하는 일',
  'explain.samples': (p) =>
    p.validation > 0 ? `샘플 ${p.total}개: ${p.train}개는 학습에 쓰고, 마지막 ${p.validation}개는 검증용으로 따로 둡니다` : `샘플 ${p.total}개를 모두 학습에 씁니다`,
  'explain.batchSize': (p) => `배치 크기 ${p.batchSize}: 옵티마이저는 업데이트 한 번에 샘플을 최대 ${p.batchSize}개 봅니다`,
  'explain.steps': (p) => `ceil(${p.n} / ${p.b}) = 에포크당 ${p.steps} 스텝`,
  'explain.batchTooLarge': (p) =>
    `배치 크기 ${josa(String(p.b), '이', '가')} 샘플 수(${p.n}개)보다 커서, 에포크마다 샘플 ${p.n}개 전체가 배치 하나가 됩니다 (풀 배치)`,
  'explain.fullBatch': () => '배치 하나에 샘플이 모두 들어갑니다. 에포크마다 업데이트를 한 번 하는 풀 배치 학습입니다',
  'explain.batches': (p) => (p.short ? `배치 크기: ${p.sizes}. 크기가 모자란 배치는 마지막에 오며, 버리지 않고 그대로 씁니다` : `배치 크기: ${p.sizes}`),
  'explain.updates': (p) => `${p.steps} 스텝 × ${p.epochs} 에포크 = 옵티마이저 업데이트 총 ${p.updates}번`,
  'explain.loss': (p) =>
    `로그에 찍히는 loss(${p.loss})는 에포크 안 배치 손실의 누적 평균(배치 크기로 가중)입니다. 배치마다 손실은 그 배치로 업데이트하기 전에 계산합니다`,
  'explain.lossOneStep': () => '에포크당 스텝이 하나뿐이면, 로그의 loss는 에포크를 시작할 때 가중치, 즉 업데이트하기 전 가중치로 계산한 손실입니다',
  'explain.shuffleOn': (p) => `셔플 켜짐: 에포크마다 샘플 순서를 새로 섞으므로(시드 ${p.seed}) 같은 배치라도 에포크마다 다른 샘플이 들어갑니다`,
  'explain.shuffleOff': () => '셔플 꺼짐: 에포크마다 같은 순서로 자르므로 각 배치에는 늘 같은 샘플이 들어갑니다',
  'explain.validation': (p) => `val_loss: 검증용으로 떼어 둔 샘플 ${p.count}개(셔플 전에 끝에서 뗍니다)에 대해, 에포크의 마지막 업데이트 후 가중치로 계산한 손실입니다`,
  'explain.test': (p) =>
    `전체 ${p.total}개 중 마지막 샘플 ${p.count}개는 테스트 부분으로 먼저 떼어 두었습니다 (--test-split). 학습에는 쓰지 않고 끝에 model.evaluate처럼 한 번 평가합니다`,
  'explain.endLoss': () => 'end_loss: 에포크가 끝난 뒤 가중치로 학습 샘플 전체에 대해 계산한 손실입니다. 실행끼리 공정하게 비교하려면 이 값을 보세요',

  'batches.epoch': (p) => `에포크 ${p.epoch}의 배치${p.shuffled ? ' (셔플됨)' : ' (순서대로)'}:`,
  'batches.more': (p) => `… 배치 ${p.count}개 더`,
  'batches.loss': (p) => `loss ${p.loss}, 누적 평균 ${p.mean}`,
  'batches.mean': (p) => `로그에 찍히는 loss가 바로 이 누적 평균입니다: loss: ${p.loss}`,
  'batches.sameAsBefore': () => '이전과 같은 배치 (셔플 꺼짐)',
  'fs.notRegular': () => '일반 파일이 아닙니다 (파이프, 장치 또는 소켓)',
  'fs.tooBig': (p) => `${p.mib} MiB보다 커서 batchsim이 읽지 않습니다`,
  'fs.noSpace': () => '장치에 남은 공간이 없습니다 (디스크가 가득 참)',
  'fs.nameTooLong': () => '파일 이름이 너무 깁니다',
  'fs.fileTooLarge': () => '이 프로세스가 쓸 수 있는 크기(ulimit -f)보다 파일이 커집니다',
  'files.sameAsInput': (p) => `${p.option} ${p.file}: ${p.input} ${josa(p.inputFile, '과', '와')} 같은 파일이라 쓰면 그 입력이 사라집니다. 다른 파일 이름을 주세요`,
  'files.sameOutput': (p) => `${p.option} ${josa(p.file, '과', '와')} ${p.other} ${topic(p.otherFile)} 같은 파일이라 하나가 다른 하나를 덮어씁니다. 출력마다 다른 파일을 주세요`,
  'files.danglingLink': (p) => `${p.option} ${p.file}: 존재하지 않는 ${josa(p.target, '을', '를')} 가리키는 링크입니다. 링크를 지우거나 다른 파일 이름을 주세요`,
  'files.nameTooLong': (p) => `${p.option} ${p.file}: 파일 이름이 ${p.max}바이트보다 깁니다. 더 짧은 이름을 주세요`,
  'results.notResults': (p) => `--out ${p.file}: batchsim 결과 파일이 아니므로 (${p.line}번째 줄이 실행 기록이 아님) 바꾸지 않습니다. 새 파일 이름이나 기존 결과 파일을 주세요`,
  'results.locked': (p) => `--out ${p.file}: 다른 sweep(프로세스 ${p.pid})이 쓰는 중입니다. 끝날 때까지 기다리거나 다른 파일을 주세요 (실행 중인 sweep이 없을 때만 ${p.file}.lock을 지우세요)`,
  'results.forged': (p) => `${p.file}: ${p.line}번째 줄의 실행 기록 내용이 id와 맞지 않습니다 (손으로 고쳤거나 다른 버전의 기록). 그 줄을 지우고 다시 실행하세요`,
  ...labKo,
};
