import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  ALL_ROLES,
  Allow,
  ApiScope,
  BadInputError,
  Ctx,
  connectionComplexity,
  IDEMPOTENCY_KEY_DESCRIPTION,
  Paginated,
  RequestContext,
  Role,
} from '@masks/core';
import { OffersService, SupplierSummary } from '@masks/catalog';
import { FOR_BUYERS, FOR_SUPPLIERS, FOR_SUPPLIERS_AND_DGE } from '@masks/organisations';
import { Order, OrderLine, OrderTransition, PaymentMethod } from './order.entity';
import { OrderAction, OrderStatus } from './domain/order.states';
import { PaymentGateway } from './payment-gateway';
import { Invoice } from './invoices/invoice.entity';
import { InvoicesService } from './invoices/invoices.service';
import { BankTransferInstructions } from './models/bank-transfer.model';
import { bankTransferOf } from './domain/bank-transfer';
import { OrdersService, orderNumber } from './orders.service';
import {
  AcknowledgeReceiptInput,
  DeliveriesInput,
  OrdersArgs,
  PlaceOrderInput,
  ShipmentsInput,
  ShipOrderInput,
} from './dto/order.inputs';

@ObjectType()
export class OrderConnection extends Paginated(Order) {}

const WRITE = [ApiScope.ORDERS_WRITE];
const READ = [ApiScope.ORDERS_READ];
const orderId = () => Args('id', { type: () => ID }, ParseUUIDPipe);

@Resolver(() => Order)
export class OrdersResolver {
  constructor(
    private readonly service: OrdersService,
    private readonly offers: OffersService,
    private readonly payments: PaymentGateway,
    private readonly invoices: InvoicesService,
  ) {}

  @Mutation(() => Order, {
    description:
      'Orders from one supplier; stock is reserved at once, or the order is refused with what is left',
  })
  @Allow([Role.BUYER], WRITE, FOR_BUYERS)
  placeOrder(
    @Ctx() ctx: RequestContext,
    @Args('input') input: PlaceOrderInput,
    @Args('idempotencyKey', { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
    idempotencyKey?: string,
  ): Promise<Order> {
    return this.service.place(ctx, input, idempotencyKey);
  }

  @Mutation(() => Order, {
    description:
      'Buyer until payment (until shipment if the order is flagged at risk); supplier until shipment; reserved stock is released, a payment refunded',
  })
  @Allow([Role.BUYER, Role.SUPPLIER_MANAGER, Role.DGE_OFFICER], WRITE)
  cancelOrder(
    @Ctx() ctx: RequestContext,
    @orderId() id: string,
    @Args('reason') reason: string,
  ): Promise<Order> {
    // The other side is told why: a reason of spaces says nothing.
    const said = reason.trim().slice(0, 500);
    if (!said)
      throw new BadInputError('A cancellation needs a reason', {
        field: 'reason',
        reason: 'CANCELLATION_REASON_REQUIRED',
      });
    return this.service.cancel(ctx, id, said);
  }

  @Mutation(() => Order, { description: 'A bank transfer received (supplier or operator)' })
  @Allow([Role.SUPPLIER_MANAGER, Role.DGE_OFFICER], WRITE, FOR_SUPPLIERS_AND_DGE)
  recordOrderPayment(
    @Ctx() ctx: RequestContext,
    @orderId() id: string,
    @Args('reference') reference: string,
  ): Promise<Order> {
    return this.service.recordTransfer(ctx, id, reference.trim().slice(0, 120));
  }

  @Mutation(() => Order, { description: 'A bank transfer sent back to the buyer of a cancelled paid order' })
  @Allow([Role.SUPPLIER_MANAGER, Role.DGE_OFFICER], WRITE, FOR_SUPPLIERS_AND_DGE)
  recordOrderRefund(
    @Ctx() ctx: RequestContext,
    @orderId() id: string,
    @Args('reference') reference: string,
  ): Promise<Order> {
    return this.service.recordTransferRefund(ctx, id, reference.trim().slice(0, 120));
  }

  @Mutation(() => Order)
  @Allow([Role.SUPPLIER_MANAGER], WRITE, FOR_SUPPLIERS)
  confirmOrder(@Ctx() ctx: RequestContext, @orderId() id: string): Promise<Order> {
    return this.service.act(ctx, id, OrderAction.CONFIRM, null);
  }

  @Mutation(() => Order, { description: 'Carrier, tracking number and the lot numbers of each line' })
  @Allow([Role.SUPPLIER_MANAGER], WRITE, FOR_SUPPLIERS)
  shipOrder(
    @Ctx() ctx: RequestContext,
    @orderId() id: string,
    @Args('input') input: ShipOrderInput,
  ): Promise<Order> {
    return this.service.ship(ctx, id, input);
  }

  @Mutation(() => Int, {
    description:
      'ERP: shipments in bulk (a paid order is confirmed by its shipment), applied by jobs. All or nothing: a bad row (order not paid, lines missing) refuses the batch with extensions.rows. Returns how many were accepted.',
  })
  @Allow([Role.SUPPLIER_MANAGER], WRITE, FOR_SUPPLIERS)
  recordShipments(@Ctx() ctx: RequestContext, @Args('input') input: ShipmentsInput): Promise<number> {
    return this.service.recordFulfilment(ctx, { shipments: input.shipments });
  }

  @Mutation(() => Int, {
    description:
      'ERP or carrier: deliveries of shipped orders in bulk, applied by jobs. All or nothing, as recordShipments.',
  })
  @Allow([Role.SUPPLIER_MANAGER], WRITE, FOR_SUPPLIERS)
  recordDeliveries(@Ctx() ctx: RequestContext, @Args('input') input: DeliveriesInput): Promise<number> {
    return this.service.recordFulfilment(ctx, { deliveredOrderIds: input.orderIds });
  }

  @Mutation(() => Order)
  @Allow([Role.SUPPLIER_MANAGER], WRITE, FOR_SUPPLIERS)
  markOrderDelivered(@Ctx() ctx: RequestContext, @orderId() id: string): Promise<Order> {
    return this.service.deliver(ctx, id);
  }

  @Mutation(() => Order, {
    description: 'The buyer acknowledges receipt line by line, noting any difference in quantity or lots',
  })
  @Allow([Role.BUYER], WRITE, FOR_BUYERS)
  acknowledgeReceipt(
    @Ctx() ctx: RequestContext,
    @orderId() id: string,
    @Args('input') input: AcknowledgeReceiptInput,
  ): Promise<Order> {
    return this.service.acknowledgeReceipt(ctx, id, input);
  }

  @Query(() => Order, { description: 'Its buyer, its supplier and the DGE; others read it as not found' })
  @Allow(ALL_ROLES, READ)
  order(@Ctx() ctx: RequestContext, @orderId() id: string): Promise<Order> {
    return this.service.findVisible(ctx, id);
  }

  @Query(() => OrderConnection, { complexity: connectionComplexity })
  @Allow(ALL_ROLES, READ)
  orders(@Ctx() ctx: RequestContext, @Args() args: OrdersArgs): Promise<OrderConnection> {
    return this.service.list(ctx, args);
  }

  @ResolveField(() => String, { description: 'e.g. CMD-00000042' })
  number(@Parent() order: Order): string {
    return orderNumber(order);
  }

  @ResolveField(() => [OrderLine])
  lines(@Ctx() ctx: RequestContext, @Parent() order: Order): Promise<OrderLine[]> {
    return this.service.linesOf(ctx, order.id);
  }

  @ResolveField(() => [OrderTransition], { description: 'Every move, oldest first' })
  history(@Ctx() ctx: RequestContext, @Parent() order: Order): Promise<OrderTransition[]> {
    return this.service.historyOf(ctx, order.id);
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'For the buyer, while a card or SEPA payment is pending: the secret its browser confirms the payment with',
  })
  paymentClientSecret(@Ctx() ctx: RequestContext, @Parent() order: Order): Promise<string | null> {
    if (ctx.principal?.organisationId !== order.buyerId || order.status !== OrderStatus.AWAITING_PAYMENT)
      return Promise.resolve(null);
    return this.payments.paymentSecret(order);
  }

  @ResolveField(() => BankTransferInstructions, {
    nullable: true,
    description:
      'Bank-transfer orders, for their buyer, their supplier and the DGE: the reference to quote and the supplier’s account as declared when the order was placed',
  })
  bankTransfer(@Ctx() ctx: RequestContext, @Parent() order: Order): BankTransferInstructions | null {
    if (order.paymentMethod !== PaymentMethod.BANK_TRANSFER) return null;
    const me = ctx.principal?.organisationId;
    if (me !== order.buyerId && me !== order.supplierId && !ctx.isDge) return null;
    return bankTransferOf(order);
  }

  @ResolveField(() => Invoice, {
    nullable: true,
    description: 'Once issued; the PDF is at /orders/{id}/invoice.pdf',
  })
  invoice(@Ctx() ctx: RequestContext, @Parent() order: Order): Promise<Invoice | null> {
    return this.invoices.ofOrder(ctx, order.id);
  }

  @ResolveField(() => SupplierSummary)
  supplier(@Ctx() ctx: RequestContext, @Parent() order: Order): Promise<SupplierSummary | null> {
    return this.offers.supplierOf(ctx, order.supplierId);
  }

  @ResolveField(() => SupplierSummary, { description: 'The buying organisation’s trading identity' })
  buyer(@Ctx() ctx: RequestContext, @Parent() order: Order): Promise<SupplierSummary | null> {
    return this.offers.supplierOf(ctx, order.buyerId);
  }
}
