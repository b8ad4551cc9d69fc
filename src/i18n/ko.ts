/** 한국어 메시지 카탈로그 (Korean). Keys must match en.ts exactly. */
import type { Catalogue } from './en.js';

export const ko: Catalogue = {
  'explain.title': () => '이 실행이 하는 일',
  'explain.samples': (p) =>
    p.validation > 0 ? `샘플 ${p.total}개: 학습에 ${p.train}개, 마지막 ${p.validation}개는 검증용으로 따로 둠` : `샘플 ${p.total}개, 모두 학습에 사용`,
  'explain.batchSize': (p) => `배치 크기 ${p.batchSize}: 옵티마이저는 한 번 업데이트할 때 최대 ${p.batchSize}개의 샘플을 봄`,
  'explain.steps': (p) => `ceil(${p.n} / ${p.b}) = 에포크당 ${p.steps} 스텝`,
  'explain.batchTooLarge': (p) => `배치 크기 ${p.b}이(가) 샘플 수 ${p.n}보다 커서, 각 에포크는 ${p.n}개 전체로 이루어진 배치 하나임 (풀 배치)`,
  'explain.fullBatch': () => '배치 하나에 모든 샘플이 들어감: 에포크당 업데이트 한 번인 풀 배치 학습',
  'explain.batches': (p) => (p.short ? `배치 크기 ${p.sizes}: 짧은 배치는 마지막에 오며 버리지 않음` : `배치 크기 ${p.sizes}`),
  'explain.updates': (p) => `${p.steps} 스텝 × ${p.epochs} 에포크 = 옵티마이저 업데이트 총 ${p.updates}번`,
  'explain.loss': (p) => `출력되는 loss(${p.loss})는 에포크 안 배치 손실들의 배치 크기 가중 누적 평균이며, 각 배치의 손실은 그 배치의 업데이트 전에 계산됨`,
  'explain.lossOneStep': () => '에포크당 스텝이 하나이면, 출력되는 loss는 그 에포크가 시작한 가중치에서의(업데이트 전) 손실임',
  'explain.shuffleOn': (p) => `셔플 켜짐: 에포크마다 샘플 순서를 새로 무작위로 섞으므로(시드 ${p.seed}) 배치마다 들어가는 샘플이 에포크마다 달라짐`,
  'explain.shuffleOff': () => '셔플 꺼짐: 에포크마다 같은 순서로 자르므로 각 배치에는 항상 같은 샘플이 들어감',
  'explain.validation': (p) => `val_loss: 따로 둔 검증 샘플 ${p.count}개(셔플 전에 끝에서 떼어 냄)에 대한, 각 에포크 마지막 업데이트 후 가중치에서의 손실`,
  'explain.endLoss': () => 'end_loss: 각 에포크 후 가중치에서 전체 학습 샘플에 대한 손실 — 실행끼리 공정하게 비교할 수 있는 값',

  'batches.epoch': (p) => `에포크 ${p.epoch}의 배치${p.shuffled ? ' (셔플됨)' : ' (순서대로)'}:`,
  'batches.more': (p) => `… 배치 ${p.count}개 더`,
  'batches.sameAsBefore': () => '이전과 같은 배치 (셔플 꺼짐)',
};
